import type { Command } from "commander";
import type { ClientSession } from "../../client/client-session.js";
import { addAuthOptions } from "../auth.js";
import { AuthorizationRequiredError, type AuthorizationRequirement } from "../authorization.js";
import { paint, table, type Io } from "../output.js";
import { listedSkills, skillRows } from "./skills.js";
import { connectionOf, type CliContext } from "../program.js";
import { connect, describeTarget, parseTarget, type Target } from "../target.js";

type Schema = {
  type?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
};

/** `title: string*, tags: string[]`: the properties of an input schema, required ones starred. */
export function summarizeSchema(schema: unknown): string {
  const s = (schema ?? {}) as Schema;
  const required = new Set(s.required ?? []);
  const typeOf = (p: Schema): string => {
    if (Array.isArray(p.enum)) return p.enum.map((v) => JSON.stringify(v)).join("|");
    if (p.type === "array") return `${p.items ? typeOf(p.items) : "any"}[]`;
    return Array.isArray(p.type) ? p.type.join("|") : typeof p.type === "string" ? p.type : "any";
  };
  const parts = Object.entries(s.properties ?? {}).map(
    ([name, p]) => `${name}: ${typeOf(p)}${required.has(name) ? "*" : ""}`,
  );
  return parts.length > 0 ? parts.join(", ") : "(no arguments)";
}

/** Everything `inspect` shows, gathered from a connected session (lists only what the server declares). */
export async function gather(session: ClientSession) {
  const caps = session.serverCapabilities ?? {};
  return {
    serverInfo: session.serverInfo,
    protocolVersion: session.protocolVersion,
    mode: session.mode,
    capabilities: caps,
    instructions: session.instructions ?? null,
    tools: caps.tools ? await session.listAllTools() : [],
    resources: caps.resources ? await session.listAllResources() : [],
    resourceTemplates: caps.resources ? await session.listAllResourceTemplates() : [],
    prompts: caps.prompts ? await session.listAllPrompts() : [],
    skills: await listedSkills(session),
  };
}

function capabilityLine(capabilities: Record<string, unknown>): string {
  return (
    Object.entries(capabilities)
      .map(([name, value]) => {
        const flags =
          value && typeof value === "object"
            ? Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] === true)
            : [];
        return flags.length > 0 ? `${name} (${flags.join(", ")})` : name;
      })
      .join(", ") || "(none)"
  );
}

/**
 * What a protected server requires, on stdout: its resource, authorization servers, scopes and bearer
 * methods (the one-line refusal follows on stderr, and the status is 1).
 */
function printRequirement(io: Io, requirement: AuthorizationRequirement, json: boolean | undefined): void {
  if (json) {
    io.out.write(`${JSON.stringify({ authorizationRequired: true, ...requirement }, null, 2)}\n`);
    return;
  }
  const c = paint(io.out);
  const challenge = requirement.challenge;
  const why = challenge?.error ? `, ${challenge.error}` : "";
  const lines = [
    `${c.bold("Server")}          ${requirement.url}`,
    `${c.bold("Authorization")}   required (HTTP ${requirement.status}${challenge ? ` ${challenge.scheme}` : ""}${why})`,
    `${c.bold("Resource")}        ${requirement.resource}`,
    `${c.bold("Metadata")}        ${requirement.resourceMetadataUrl}`,
    `${c.bold("Auth servers")}    ${requirement.authorizationServers.join(", ")}`,
    `${c.bold("Scopes")}          ${requirement.scopes.join(" ") || "(none named)"}`,
    `${c.bold("Bearer methods")}  ${requirement.bearerMethods.join(", ") || "(not listed)"}`,
  ];
  io.out.write(`${lines.join("\n")}\n`);
}

/** A rethrowing handler that first prints what a server requiring authorization requires. */
function showRequirement(io: Io, json: boolean | undefined): (error: unknown) => never {
  return (error) => {
    if (error instanceof AuthorizationRequiredError) printRequirement(io, error.requirement, json);
    throw error;
  };
}

/** The tables `inspect` prints: identity, revision, capabilities, then each kind of thing the server offers. */
function render(found: Awaited<ReturnType<typeof gather>>, target: Target, c: ReturnType<typeof paint>): string {
  const info = found.serverInfo;
  const lines = [
    `${c.bold("Server")}        ${info?.name ?? "?"} ${info?.version ?? ""}${info?.title ? ` (${info.title})` : ""}`,
    `${c.bold("Revision")}      ${found.protocolVersion ?? "?"} (${found.mode ?? "?"})`,
    `${c.bold("Transport")}     ${describeTarget(target)}`,
    `${c.bold("Capabilities")}  ${capabilityLine(found.capabilities as Record<string, unknown>)}`,
  ];
  if (found.instructions) lines.push(`${c.bold("Instructions")}  ${found.instructions}`);
  const section = (title: string, headers: string[], rows: string[][]) => {
    lines.push("", c.cyan(`${title} (${rows.length})`));
    if (rows.length > 0) lines.push(table(headers, rows));
  };
  section(
    "Tools",
    ["NAME", "DESCRIPTION", "INPUT"],
    found.tools.map((t) => [t.name, t.description ?? "", summarizeSchema(t.inputSchema)]),
  );
  section(
    "Resources",
    ["NAME", "URI", "MIME TYPE"],
    found.resources.map((r) => [r.name, r.uri, r.mimeType ?? ""]),
  );
  section(
    "Resource templates",
    ["NAME", "URI TEMPLATE", "MIME TYPE"],
    found.resourceTemplates.map((r) => [r.name, r.uriTemplate, r.mimeType ?? ""]),
  );
  section(
    "Prompts",
    ["NAME", "DESCRIPTION", "ARGUMENTS"],
    found.prompts.map((p) => [
      p.name,
      p.description ?? "",
      (p.arguments ?? []).map((a) => `${a.name}${a.required ? "*" : ""}`).join(", "),
    ]),
  );
  if (found.skills.length > 0) section("Skills", ["NAME", "URI", "FILES", "DESCRIPTION"], skillRows(found.skills));
  return `${lines.join("\n")}\n`;
}

/** `mcp server inspect <command...>` / `--url <url>`: what a server is and offers. */
export function registerInspect(program: Command, ctx: CliContext): void {
  const server = program.command("server").description("look at a server");
  addAuthOptions(server.command("inspect"))
    .description("connect to a server and print its identity, revision, capabilities, tools, resources and prompts")
    .argument("[command...]", "the server command and its arguments (stdio)")
    .option("--url <url>", "an http(s):// (Streamable HTTP, falling back to HTTP+SSE) or ws(s):// server URL")
    .option("--sse", "speak the legacy HTTP+SSE transport to --url")
    .option("--json", "print one JSON document instead of tables")
    .passThroughOptions()
    .addHelpText(
      "after",
      "\nExamples:\n  mcp server inspect node examples/notes-server.js\n  mcp server inspect --url http://127.0.0.1:3000/mcp --json\n  mcp server inspect -- npx -y @modelcontextprotocol/server-everything\n\nA server that answers 401 is authorized with (the browser opens; see mcp auth); with --no-auth it\nis not inspected: its Protected Resource Metadata (authorization servers, scopes, bearer methods)\nis printed instead, then one line on stderr, and the status is 1.",
    )
    .action(async (words: string[], options: { url?: string; sse?: boolean; json?: boolean }, command: Command) => {
      const target = parseTarget(words, options);
      const session = await connect(ctx.io, target, connectionOf(command)).catch(showRequirement(ctx.io, options.json));
      try {
        const found = await gather(session);
        if (options.json) {
          ctx.io.out.write(`${JSON.stringify(found, null, 2)}\n`);
          return;
        }
        ctx.io.out.write(render(found, target, paint(ctx.io.out)));
      } finally {
        await session.close();
      }
    });
}
