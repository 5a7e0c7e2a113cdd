/** `npm run add-revision -- --schema <file> --revision <name> [--latest]`: see codegen/add-revision.ts. */
import { main } from "../codegen/add-revision.js";

process.exitCode = await main(process.argv.slice(2));
