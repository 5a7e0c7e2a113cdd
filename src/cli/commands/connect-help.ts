import { LEVELS } from "./connect-mode.js";

/** The commands of an interactive session, with what each does: `help` inside it, `--help` outside. */
export const HELP: [string, string][] = [
  ["help", "this list"],
  ["tools | resources | templates | prompts", "list what the server offers"],
  ["call <tool> [json | key=value ...]", "call a tool (Ctrl-C cancels it)"],
  ["read <uri>", "read a resource"],
  ["prompt <name> [key=value ...]", "get a prompt and print its messages"],
  ["subscribe <uri> | unsubscribe <uri>", "follow a resource's updates, or stop"],
  ["complete prompt <name> <arg> <value>", "ask for completions of a prompt argument"],
  ["complete resource <template> <arg> <value>", "ask for completions of a template variable"],
  [`level <${LEVELS.slice(0, 3).join("|")}|...>`, "set the logging level (2026-07-28: asked for on each request)"],
  ["ping", "time a round trip: ping (2026-07-28: server/discover)"],
  ["exit | quit | Ctrl-D", "close the session"],
];
export const NAMES =
  "help tools resources templates prompts call read prompt subscribe unsubscribe complete level ping exit quit";

/** The session's commands as `--help` shows them (the same table `help` prints inside the session). */
export function sessionHelp(): string {
  const width = Math.max(...HELP.map(([command]) => command.length));
  const rows = HELP.map(([command, what]) => `  ${command.padEnd(width)}  ${what}`);
  return ["\nCommands in the session:", ...rows].join("\n");
}
