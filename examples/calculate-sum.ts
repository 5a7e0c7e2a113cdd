// The seed's first example: one tool that adds two numbers, served over stdio.
import { z } from "zod";
import { FastMCP } from "mcpkit/server";

const app = new FastMCP("calculator", { version: "1.0.0" });

app.tool(
  "calculate_sum",
  { description: "Add two numbers", input: z.object({ a: z.number(), b: z.number() }) },
  async ({ a, b }) => a + b,
);

await app.runStdio();
