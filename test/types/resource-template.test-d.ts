// Type-level tests of resource template variables: tsc (run by test/codegen/typecheck.test.ts) must accept
// every line, and every `@ts-expect-error` must mark a real error.
import { FastMCP } from "../../src/server/fastmcp/fastmcp.js";
import type { ResourceVariables, TemplateVariables } from "../../src/server/fastmcp/resources.js";

export const names: TemplateVariables<"x://{a}{/b*}{?c,d:3}">[] = ["a", "b", "c", "d"];
export const plain: ResourceVariables<"notes://{id}"> = { id: "7" };
// @ts-expect-error {id} cannot yield a list: it is a string
export const notAList: ResourceVariables<"notes://{id}"> = { id: ["7"] };
export const exploded: ResourceVariables<"files://{/path*}{?tag*}"> = { path: ["a", "b"], tag: [] };
// @ts-expect-error an explode form is a list
export const notAString: ResourceVariables<"files://{/path*}"> = { path: "a/b" };
export const mixed: ResourceVariables<"x://{a,b*}{?q:3}"> = { a: "1", b: ["2"], q: "x" };
// @ts-expect-error a prefix modifier ({q:3}) is still one string
export const prefixed: ResourceVariables<"x://{?q:3}"> = { q: ["x"] };
export const none: ResourceVariables<"config://settings"> = {};

const app = new FastMCP("types");
app.resource("notes://{id}", ({ id }) => id.toUpperCase());
app.resource("files://{/path*}", ({ path }) => path.join("/"));
// @ts-expect-error no variable "nope" in the template
app.resource("notes://{id}", ({ nope }) => String(nope));
