import { spawn } from "node:child_process";
import { parse as parseShell } from "shell-quote";

/** The environment variable naming the command that opens an authorization URL (the URL is appended). */
export const BROWSER_ENV = "MCPKIT_BROWSER";

/** The platform's opener: `open` on macOS, `rundll32` on Windows (no shell re-parses the URL), `xdg-open` elsewhere. */
function platformOpener(platform: NodeJS.Platform): string[] {
  if (platform === "darwin") return ["open"];
  if (platform === "win32") return ["rundll32", "url.dll,FileProtocolHandler"];
  return ["xdg-open"];
}

/** The words of a browser command as a shell would split them (no expansion, no operators). */
function commandWords(command: string): string[] {
  const words = parseShell(command);
  if (!words.every((w): w is string => typeof w === "string") || words.length === 0) {
    throw new Error(`${BROWSER_ENV} must be a plain command, not ${JSON.stringify(command)}`);
  }
  return words;
}

/**
 * Opens `url` in the user's browser: with `command` (or `$MCPKIT_BROWSER`) when given, the URL added
 * as its last argument, else with the platform's opener. The URL is one argument of a process started
 * without a shell, so nothing in it is interpreted. Resolves once the opener has started; rejects
 * when it cannot be started or exits with a failure status at once.
 */
export async function openBrowser(url: string | URL, command = process.env[BROWSER_ENV]): Promise<void> {
  const href = new URL(url).href;
  if (!/^https?:$/.test(new URL(href).protocol)) throw new Error(`refusing to open ${href}: not an http(s) URL`);
  const [program, ...args] = command ? commandWords(command) : platformOpener(process.platform);
  const child = spawn(program!, [...args, href], { stdio: "ignore", detached: process.platform !== "win32" });
  await new Promise<void>((resolve, reject) => {
    child.once("error", (error) => reject(new Error(`cannot start ${program}: ${error.message}`)));
    child.once("spawn", () => {
      // An opener that fails says so quickly (xdg-open without a desktop); one still running is a browser.
      const timer = setTimeout(resolve, 250);
      child.once("exit", (code) => {
        clearTimeout(timer);
        if (code === 0 || code === null) resolve();
        else reject(new Error(`${program} exited with status ${code}`));
      });
    });
  });
  child.unref();
}
