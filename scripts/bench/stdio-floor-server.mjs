/** The stdio floor: newline-delimited JSON in, the echo tool's answer out, nothing else. */
import process from "node:process";
import { echoResponse } from "./servers.mjs";

let buffered = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffered += chunk;
  let end;
  while ((end = buffered.indexOf("\n")) >= 0) {
    const line = buffered.slice(0, end);
    buffered = buffered.slice(end + 1);
    if (line) process.stdout.write(`${JSON.stringify(echoResponse(JSON.parse(line)))}\n`);
  }
});
