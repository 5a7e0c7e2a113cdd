import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { ROOT } from "../support/paths.js";

/**
 * What an editor shows for the typed surface, asked of the TypeScript language service as an editor
 * asks it: hover text (quick info) and go-to-definition on calls of a ClientSession, a Server and a
 * ServerSession, written as a user would write them.
 */
const SOURCE = `
import { ClientSession, memoryPair } from "../../src/index.js";
import { Server } from "../../src/server/index.js";
import type { ServerSession } from "../../src/server/server-session.js";
declare const session: ClientSession;
declare const server: Server;
declare const serverSession: ServerSession;
export async function use() {
  const tools = await session.listTools();
  const called = await session.callTool("echo", { text: "hi" });
  server.onCallTool(async () => ({ content: [] }));
  await serverSession.createMessage({ messages: [], maxTokens: 1 });
  void memoryPair;
  return { tools, called };
}
`;
const FILE = join(ROOT, "test", "types", "editor-probe.ts");

function languageService(): ts.LanguageService {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  )!;
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [FILE],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => ts.ScriptSnapshot.fromString(name === FILE ? SOURCE : (ts.sys.readFile(name) ?? "")),
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => config.options,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (name) => name === FILE || ts.sys.fileExists(name),
    readFile: (name) => (name === FILE ? SOURCE : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host);
}

describe("types: what an editor shows for the generated surface", function () {
  this.timeout(120_000);
  let service: ts.LanguageService;
  before(() => {
    service = languageService();
  });

  const at = (needle: string) => {
    const index = SOURCE.indexOf(needle);
    if (index < 0) throw new Error(`${needle} is not in the probe`);
    return index;
  };
  const hover = (needle: string) => {
    const info = service.getQuickInfoAtPosition(FILE, at(needle));
    return {
      text: ts.displayPartsToString(info?.displayParts),
      doc: ts.displayPartsToString(info?.documentation),
      tags: (info?.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`),
    };
  };
  const definition = (needle: string) => {
    const [first, ...rest] = service.getDefinitionAtPosition(FILE, at(needle)) ?? [];
    if (!first) throw new Error(`no definition for ${needle}`);
    const text = readFileSync(first.fileName, "utf8");
    const line = text.slice(0, first.textSpan.start).split("\n").length;
    return { file: relative(ROOT, first.fileName), line, text, count: rest.length + 1 };
  };

  it("the program the probe lives in has no errors", () => {
    const diagnostics = [...service.getSemanticDiagnostics(FILE), ...service.getSyntacticDiagnostics(FILE)];
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).to.deep.equal([]);
  });

  it("listTools() hovers with its named result type and the schema's description", () => {
    const { text, doc, tags } = hover("listTools(");
    expect(text).to.contain("Promise<ListToolsResult>");
    expect(text).not.to.contain('["result"]');
    expect(doc).to.contain("Sent from the client to request a list of tools the server has.");
    expect(tags).to.include("@since 2024-11-05");
  });

  it("go-to-definition on session.callTool lands on the generated method, documented from the schema", () => {
    const { file, text, line } = definition("callTool(");
    expect(file).to.equal(join("generated", "surface", "client.ts"));
    const declaration = text
      .split("\n")
      .slice(line - 12, line)
      .join("\n");
    expect(declaration).to.contain("Used by the client to invoke a tool provided by the server.");
    expect(declaration).to.contain("@since 2024-11-05");
    expect(hover("callTool(").text).to.contain("Promise<CallToolResult>");
  });

  it("a server registrar and a server-to-client call are generated methods with the schema's words", () => {
    expect(definition("onCallTool(").file).to.equal(join("generated", "surface", "server.ts"));
    expect(hover("onCallTool(").doc).to.contain("Used by the client to invoke a tool provided by the server.");
    expect(definition("createMessage(").file).to.equal(join("generated", "surface", "server.ts"));
    expect(hover("createMessage(").text).to.contain("Promise<CreateMessageResult>");
  });

  it("a method the newest revision dropped is marked deprecated, with the revisions that have it", () => {
    const { tags } = hover("listTools(");
    expect(tags.some((t) => t.startsWith("@deprecated"))).to.equal(false);
    const setLevel = readFileSync(join(ROOT, "generated", "surface", "client.ts"), "utf8");
    const doc = setLevel.slice(0, setLevel.indexOf("  setLevel(")).split("/**").at(-1)!;
    expect(doc).to.contain("@since 2024-11-05");
    expect(doc).to.match(/@deprecated Not in \d{4}-\d\d-\d\d, the newest revision/);
  });

  it("no generated type carries json-schema-to-typescript's 'referenced by' note, and spec links are absolute", () => {
    for (const revision of ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"]) {
      const types = readFileSync(join(ROOT, "generated", revision, "types.ts"), "utf8");
      expect(types).not.to.contain("was referenced by");
      expect(types).not.to.match(/\]\(\/specification/);
    }
    const latest = readFileSync(join(ROOT, "generated", "2025-11-25", "types.ts"), "utf8");
    expect(latest).to.contain("](https://modelcontextprotocol.io/specification/2025-11-25/basic/index#meta)");
  });
});
