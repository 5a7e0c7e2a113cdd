/**
 * A real redis-server (the Debian package) for tests: started on 127.0.0.1 with a free port and no
 * persistence, stopped (and restartable on the same port) by the test that made it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { addressInUse, onFreePort } from "../../scripts/cluster/children.js";

/** A running redis-server. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops it (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: it keeps nothing). */
  start(): Promise<void>;
}

async function launch(port: number): Promise<ChildProcess> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.once("error", (error) => (clearTimeout(timer), reject(error)));
    child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`redis-server exited ${code}:\n${output}`))));
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}

/**
 * Starts a redis-server for a test, on a free port: on another one if the port picked (by `pick`,
 * default a free one) is taken before redis-server binds it.
 */
export async function startRedis(options: { pick?: () => Promise<number> } = {}): Promise<RedisServer> {
  const { port, started } = await onFreePort(launch, options);
  let child: ChildProcess | undefined = started;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = once(running, "exit");
      running.kill("SIGTERM");
      await exited;
    },
    async start() {
      if (child) return;
      // The same port (its clients know it): if an outbound connection's ephemeral port took it
      // meanwhile, it is free again once that connection ends.
      for (let attempt = 1; ; attempt++) {
        try {
          child = await launch(port);
          return;
        } catch (error) {
          if (attempt >= 20 || !addressInUse(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    },
  };
}
