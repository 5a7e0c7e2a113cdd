// Starting the portable app's bundles on each runtime of the matrix, each on a port of its own.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { basename, join } from "node:path";
import { ROOT } from "../support/paths.js";
import { run } from "../support/paths.js";

/** A runtime serving the app: where, and how to stop it. */
export interface Served {
  url: string;
  /** What the runtime said it is (`node v22...`, `bun`, `deno`, `workerd`). */
  runtime: string;
  stop(): void;
  /** What it wrote to stderr so far. */
  output(): string;
}

const bin = (name: string) => join(ROOT, "node_modules", ".bin", name);

/** Waits for the child's first stdout line naming its URL; fails with its stderr if it exits or is slow. */
function announced(child: ChildProcess, what: string, timeoutMs = 60_000): Promise<Served> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${what}: ${why}\n${stderr.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`no URL within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const line = stdout.split("\n").find((l) => l.startsWith("{"));
      if (!line) return;
      clearTimeout(timer);
      const { runtime, url } = JSON.parse(line) as { runtime: string; url: string };
      resolve({ url, runtime, stop: () => child.kill("SIGKILL"), output: () => stderr });
    });
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code, signal) => fail(`exited (${signal ?? code}) before naming its URL`));
  });
}

/** The HTTP bundle on a JavaScript runtime: `command args... bundle`. */
export function serveOn(what: string, command: string, args: string[], bundle: string): Promise<Served> {
  const child = spawn(command, [...args, bundle], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  return announced(child, what);
}

/** Node 22's binary, from the npm package `node` (as the conformance harness gets it). */
export async function node22(): Promise<string> {
  const { code, stdout, stderr } = await run("npx", ["-y", "node@22", "-p", "process.execPath"]);
  const path = stdout.trim().split("\n").pop() ?? "";
  if (code !== 0 || !path) throw new Error(`npx -y node@22 failed: ${stderr}`);
  return path;
}

export const bunBinary = () => bin("bun");
export const denoBinary = () => bin("deno");

/**
 * The worker bundle under workerd, on a loopback socket this process opened on port 0 and hands over
 * as file descriptor 3 (`--socket-fd`), so that no port is guessed.
 */
export async function serveOnWorkerd(dir: string, module: string): Promise<Served> {
  writeFileSync(
    join(dir, "config.capnp"),
    [
      'using Workerd = import "/workerd/workerd.capnp";',
      "const config :Workerd.Config = (",
      '  services = [ (name = "main", worker = .worker) ],',
      '  sockets = [ ( name = "http", address = "127.0.0.1:0", http = (), service = "main" ) ],',
      ");",
      "const worker :Workerd.Worker = (",
      `  modules = [ (name = "worker.mjs", esModule = embed ${JSON.stringify(basename(module))}) ],`,
      '  compatibilityDate = "2026-11-01",',
      ");",
    ].join("\n"),
  );
  const socket: Server = createServer();
  await new Promise<void>((resolve) => socket.listen(0, "127.0.0.1", resolve));
  const { port } = socket.address() as { port: number };
  const fd = (socket as unknown as { _handle: { fd: number } })._handle.fd;
  const child = spawn(bin("workerd"), ["serve", join(dir, "config.capnp"), "--socket-fd", "http=3", "--verbose"], {
    stdio: ["ignore", "pipe", "pipe", fd],
  });
  // The child holds the socket now; this process stops accepting on it.
  socket.close();
  const url = `http://127.0.0.1:${port}/mcp`;
  return new Promise((resolve, reject) => {
    let stderr = "";
    // workerd prints what the Worker logs on either stream.
    for (const stream of [child.stdout, child.stderr])
      stream?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.once("exit", (code) => reject(new Error(`workerd exited (${code}):\n${stderr.slice(-2000)}`)));
    const poll = async (tries: number): Promise<void> => {
      try {
        await fetch(url.replace(/\/mcp$/, "/health-check"));
        resolve({ url, runtime: "workerd", stop: () => child.kill("SIGKILL"), output: () => stderr });
      } catch {
        if (tries === 0) {
          child.kill("SIGKILL");
          reject(new Error(`workerd did not answer:\n${stderr.slice(-2000)}`));
        } else setTimeout(() => void poll(tries - 1), 200);
      }
    };
    void poll(150);
  });
}
