// The seed's second example: one resource, served over stdio.
import { FastMCP } from "mcpkit/server";

const app = new FastMCP("settings", { version: "1.0.0" });

app.resource("config://settings", { mimeType: "text/plain" }, async () => "setting1=value1\nsetting2=value2");

await app.runStdio();
