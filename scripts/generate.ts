import { main } from "../codegen/cli.js";

process.exitCode = await main(process.argv.slice(2));
