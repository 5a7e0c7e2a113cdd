/**
 * The `authorization` leg of `npm run conformance`: the harness's authorization-server scenarios
 * (`conformance authorization`) against mcpkit's own authorization server, the everything server's
 * `--auth` mode. The harness prints an authorization URL for a person to open; here the follower
 * opens it as a browser would (the development login approves at once) and delivers the redirect to
 * the harness's callback listener, so the leg runs unattended.
 */
import { createServer } from "node:net";

/** The client the everything server's `--auth` mode registers up front (test/conformance/everything-auth.ts). */
const CLIENT = ["--client-id", "conformance-client", "--client-secret", "conformance-secret"];

/** The harness arguments for an authorization server at `issuer`, its callback listener on `port`. */
export function authorizationArgs(issuer: string, port: number): string[] {
  return ["--url", issuer, "--resource", `${issuer}/mcp`, "-p", String(port), ...CLIENT];
}

/** A free port on 127.0.0.1, for the harness's callback listener. */
export async function freeCallbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Watches the harness's output for the authorization URL it asks a person to open. Only a URL at
 * `issuer`'s origin is opened; the 302 it answers is followed only to the harness's callback on
 * 127.0.0.1:`callbackPort`. Failures are reported through `log` (the harness then times out and fails).
 */
export function authorizationFollower(
  issuer: string,
  callbackPort: number,
  log: (line: string) => void,
): (chunk: string) => void {
  let seen = "";
  let opened = false;
  const origin = new URL(issuer).origin;
  return (chunk) => {
    seen += chunk;
    if (opened) return;
    const found = /^(https?:\/\/\S+\/authorize\?\S+)$/m.exec(seen);
    if (!found || new URL(found[1]!).origin !== origin) return;
    opened = true;
    void follow(found[1]!, callbackPort).catch((error: unknown) =>
      log(`authorization leg: could not complete the login: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
}

async function follow(authorizationUrl: string, callbackPort: number): Promise<void> {
  const answer = await fetch(authorizationUrl, { redirect: "manual" });
  await answer.body?.cancel();
  const location = answer.headers.get("location");
  if (answer.status !== 302 || !location) throw new Error(`the authorization endpoint answered ${answer.status}`);
  const callback = new URL(location);
  if (callback.origin !== `http://127.0.0.1:${callbackPort}` || callback.pathname !== "/callback")
    throw new Error(`the authorization endpoint redirected elsewhere: ${callback.origin}${callback.pathname}`);
  // The harness prints the URL as it starts its listener: retry briefly until it accepts connections.
  for (let attempt = 0; ; attempt++) {
    try {
      await (await fetch(callback)).body?.cancel();
      return;
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
