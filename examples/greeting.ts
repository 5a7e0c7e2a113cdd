// The seed's third example: one prompt with a required argument, served over stdio.
import { FastMCP } from "mcpkit/server";

const app = new FastMCP("greeter", { version: "1.0.0" });

app.prompt(
  "greeting",
  { description: "Greet someone by name", arguments: { name: { description: "Who to greet", required: true } } },
  async ({ name }) => `Hello, ${name}!`,
);

await app.runStdio();
