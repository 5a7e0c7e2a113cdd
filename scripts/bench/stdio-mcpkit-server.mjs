/** The mcpkit echo server over stdio, for the stdio workload. */
import { mcpkit, mcpkitServer } from "./servers.mjs";

const kit = await mcpkit();
await mcpkitServer(kit).run(kit.stdioServer());
