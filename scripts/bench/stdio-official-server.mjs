/** The official SDK's echo server over stdio, for the stdio workload. */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { official, officialServer } from "./servers.mjs";

const server = officialServer(await official());
await server.connect(new StdioServerTransport());
