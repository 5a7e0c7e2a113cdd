/**
 * The "everything server" the official conformance suite's server scenarios expect, written with
 * FastMCP and served over Streamable HTTP at `http://127.0.0.1:<port>/mcp`. It exposes exactly the
 * fixture inventory the stateful revisions (2025-06-18, 2025-11-25) ask for: the tools, prompts,
 * resources, completion, logging and subscriptions each scenario drives.
 *
 * Run with `npm run everything-server -- --port <port>` (port 0 picks a free one); it prints
 * `listening on <url>` once it accepts connections and stops on SIGINT or SIGTERM.
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { AuthSettings } from "../../src/server/fastmcp/auth-app.js";
import { audio, bytes, embedded, FastMCP, image, text } from "../../src/server/index.js";
import { JSON_SCHEMA_2020_12 } from "../fixtures/json-schema-2020-12.js";
import { serveWithAuthorization } from "./everything-auth.js";
import { addClusterFixtures } from "./everything-cluster.js";
import { addStatelessFixtures } from "./everything-stateless.js";
import { addTaskFixtures } from "./everything-tasks.js";

/** A 1×1 red PNG. */
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

/** A short silent mono WAV (8 kHz, 8-bit, 8 samples). */
function silentWav(): string {
  const samples = 8;
  const wav = Buffer.alloc(44 + samples, 0x80);
  wav.write("RIFF", 0, "ascii");
  wav.writeUInt32LE(36 + samples, 4);
  wav.write("WAVEfmt ", 8, "ascii");
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // channels
  wav.writeUInt32LE(8000, 24); // sample rate
  wav.writeUInt32LE(8000, 28); // byte rate
  wav.writeUInt16LE(1, 32); // block align
  wav.writeUInt16LE(8, 34); // bits per sample
  wav.write("data", 36, "ascii");
  wav.writeUInt32LE(samples, 40);
  return wav.toString("base64");
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the server (with `auth`, protected; with `requestStateSecret`, accepting the `requestState`
 * other replicas issued); exported so tests can serve it in-process.
 */
export function everythingServer(auth?: AuthSettings, requestStateSecret?: string): FastMCP {
  const app = new FastMCP("mcpkit-everything-server", {
    version: "1.0.0",
    ...(auth ? { auth } : {}),
    ...(requestStateSecret ? { requestState: { secret: requestStateSecret } } : {}),
  });
  const wav = silentWav();

  // The first tool listed must succeed with `{}` as arguments.
  app.tool("test_simple_text", { description: "Returns a simple text response" }, () => {
    return "This is a simple text response for testing.";
  });
  app.tool("test_image_content", { description: "Returns an image" }, () => image(PNG, "image/png"));
  app.tool("test_audio_content", { description: "Returns an audio clip" }, () => audio(wav, "audio/wav"));
  app.tool("test_embedded_resource", { description: "Returns an embedded resource" }, () =>
    embedded({
      uri: "test://embedded-resource",
      mimeType: "text/plain",
      text: "This is an embedded resource content.",
    }),
  );
  app.tool("test_multiple_content_types", { description: "Returns text, an image and a resource" }, () => [
    text("Multiple content types test:"),
    image(PNG, "image/png"),
    embedded({
      uri: "test://mixed-content-resource",
      mimeType: "application/json",
      text: JSON.stringify({ test: "data", value: 123 }),
    }),
  ]);
  app.tool("test_tool_with_logging", { description: "Logs three messages while it runs" }, async (_args, ctx) => {
    await ctx.log.info("Tool execution started");
    await delay(50);
    await ctx.log.info("Tool processing data");
    await delay(50);
    await ctx.log.info("Tool execution completed");
    return "Tool with logging executed successfully";
  });
  app.tool("test_error_handling", { description: "Always fails, as a tool error" }, () => {
    throw new Error("This tool intentionally returns an error for testing");
  });
  app.tool("test_tool_with_progress", { description: "Reports progress 0, 50, 100 of 100" }, async (_args, ctx) => {
    for (const progress of [0, 50, 100]) {
      await ctx.reportProgress(progress, 100, `Completed step ${progress / 50 + 1} of 3`);
      await delay(50);
    }
    return "Tool with progress completed";
  });
  app.tool(
    "test_sampling",
    {
      description: "Asks the client's model to answer a prompt",
      input: { type: "object", properties: { prompt: { type: "string" } }, required: ["prompt"] } as const,
    },
    async ({ prompt }, ctx) => {
      const answer = await ctx.sample(prompt, { maxTokens: 100 });
      const content = answer.content;
      const reply = !Array.isArray(content) && content.type === "text" ? content.text : JSON.stringify(content);
      return `LLM response: ${reply}`;
    },
  );
  app.tool(
    "test_elicitation",
    {
      description: "Asks the user for a username and an email address",
      input: { type: "object", properties: { message: { type: "string" } }, required: ["message"] } as const,
    },
    async ({ message }, ctx) => {
      const schema = {
        type: "object",
        properties: {
          username: { type: "string", description: "User's response" },
          email: { type: "string", description: "User's email address" },
        },
        required: ["username", "email"],
      } as const;
      const outcome = await ctx.elicit(message, schema);
      return `User response: action=${outcome.action}, content=${JSON.stringify("content" in outcome ? outcome.content : {})}`;
    },
  );
  app.tool(
    "test_elicitation_sep1034_defaults",
    { description: "Elicits a form whose fields all have defaults (SEP-1034)" },
    async (_args, ctx) => {
      const outcome = await ctx.elicit("Please review and update the form fields with defaults", {
        type: "object",
        properties: {
          name: { type: "string", description: "User name", default: "John Doe" },
          age: { type: "integer", description: "User age", default: 30 },
          score: { type: "number", description: "User score", default: 95.5 },
          status: {
            type: "string",
            description: "User status",
            enum: ["active", "inactive", "pending"],
            default: "active",
          },
          verified: { type: "boolean", description: "Verification status", default: true },
        },
      } as Record<string, unknown>);
      return `Elicitation completed: action=${outcome.action}, content=${JSON.stringify("content" in outcome ? outcome.content : {})}`;
    },
  );
  app.tool(
    "test_elicitation_sep1330_enums",
    { description: "Elicits a form with every enum shape (SEP-1330)" },
    async (_args, ctx) => {
      const outcome = await ctx.elicit("Please select options from the enum fields", {
        type: "object",
        properties: {
          untitledSingle: {
            type: "string",
            description: "Pick one (untitled)",
            enum: ["option1", "option2", "option3"],
          },
          titledSingle: {
            type: "string",
            description: "Pick one (titled)",
            oneOf: [
              { const: "value1", title: "First Option" },
              { const: "value2", title: "Second Option" },
              { const: "value3", title: "Third Option" },
            ],
          },
          legacyEnum: {
            type: "string",
            description: "Pick one (legacy enumNames)",
            enum: ["opt1", "opt2", "opt3"],
            enumNames: ["Option One", "Option Two", "Option Three"],
          },
          untitledMulti: {
            type: "array",
            description: "Pick several (untitled)",
            items: { type: "string", enum: ["option1", "option2", "option3"] },
          },
          titledMulti: {
            type: "array",
            description: "Pick several (titled)",
            items: {
              anyOf: [
                { const: "value1", title: "First Choice" },
                { const: "value2", title: "Second Choice" },
                { const: "value3", title: "Third Choice" },
              ],
            },
          },
        },
      } as Record<string, unknown>);
      return `Elicitation completed: action=${outcome.action}, content=${JSON.stringify("content" in outcome ? outcome.content : {})}`;
    },
  );
  app.tool(
    "json_schema_2020_12_tool",
    { description: "Takes arguments described with JSON Schema 2020-12 keywords", input: JSON_SCHEMA_2020_12 },
    (args) => `Received: ${JSON.stringify(args)}`,
  );
  app.tool(
    "test_reconnection",
    { description: "Closes its request's SSE stream before answering; the answer arrives on the resumed stream" },
    async (_args, ctx) => {
      ctx.closeSseStream();
      await delay(100);
      return "Reconnection test completed successfully";
    },
  );

  app.prompt("test_simple_prompt", { description: "A prompt without arguments" }, () => {
    return "This is a simple prompt for testing.";
  });
  app.prompt(
    "test_prompt_with_arguments",
    {
      description: "A prompt with two required arguments",
      arguments: {
        arg1: {
          description: "First test argument",
          required: true,
          complete: (value) => ["testValue1", "testValue2", "test"].filter((v) => v.startsWith(value)),
        },
        arg2: { description: "Second test argument", required: true },
      },
    },
    ({ arg1, arg2 }) => `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'`,
  );
  app.prompt(
    "test_prompt_with_embedded_resource",
    {
      description: "A prompt that embeds a resource",
      arguments: { resourceUri: { description: "URI of the resource to embed", required: true } },
    },
    ({ resourceUri }) => [
      {
        role: "user",
        content: embedded({ uri: resourceUri, mimeType: "text/plain", text: "Embedded resource content for testing." }),
      },
      "Please process the embedded resource above.",
    ],
  );
  app.prompt("test_prompt_with_image", { description: "A prompt with an image" }, () => [
    { role: "user", content: image(PNG, "image/png") },
    "Please analyze the image above.",
  ]);

  app.resource(
    "test://static-text",
    { name: "Static Text Resource", description: "A static text resource", mimeType: "text/plain" },
    () => "This is the content of the static text resource.",
  );
  app.resource(
    "test://static-binary",
    { name: "Static Binary Resource", description: "A static binary resource (a PNG)", mimeType: "image/png" },
    () => bytes(Buffer.from(PNG, "base64"), "image/png"),
  );
  app.resource(
    "test://watched-resource",
    { name: "Watched Resource", description: "A resource to subscribe to", mimeType: "text/plain" },
    () => "Watched resource content",
  );
  app.resource(
    "test://template/{id}/data",
    { name: "Template Resource", description: "A resource template with an id", mimeType: "application/json" },
    ({ id }) => ({ id, templateTest: true, data: `Data for ID: ${String(id)}` }),
  );
  addStatelessFixtures(app);
  addTaskFixtures(app);
  addClusterFixtures(app);
  // The skills extension (sep-2640-skills-*): a real folder, with directoryRead, whose first skill has a sub-folder.
  app.skills(fileURLToPath(new URL("../fixtures/skills", import.meta.url)), { directoryRead: true });
  return app;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "3001" },
      host: { type: "string", default: "127.0.0.1" },
      // Protected by mcpkit's authorization server on the same origin (test/conformance/everything-auth.ts).
      auth: { type: "boolean", default: false },
      // One replica of several sharing this Redis (npm run cluster), which shares the requestState secret
      // too (REQUEST_STATE_SECRET, when set, wins: replicas in memory share that one).
      store: { type: "string" },
      // On SIGTERM or SIGINT, how long requests in flight may take to finish (ms) before they are cut off.
      "shutdown-timeout": { type: "string", default: "10000" },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`bad --port ${values.port}`);
  if (values.auth && values.store) throw new TypeError("--store is not supported with --auth");
  const timeoutMs = Number(values["shutdown-timeout"]);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 0)
    throw new TypeError(`bad --shutdown-timeout ${values["shutdown-timeout"]}`);
  // Imported only here: without --store, the `redis` client is not loaded.
  const store = values.store
    ? await (await import("../../src/redis/index.js")).redisStore({ url: values.store })
    : undefined;
  const http = values.auth
    ? await serveWithAuthorization(everythingServer, port, values.host)
    : await everythingServer(undefined, process.env.REQUEST_STATE_SECRET).runHttp({
        port,
        host: values.host,
        path: "/mcp",
        // With a store, the probes haproxy checks (npm run cluster).
        ...(store ? { store, health: true } : {}),
      });
  process.stdout.write(`listening on ${http.endpointUrl}\n`);
  if ("issuer" in http) process.stdout.write(`authorization server ${http.issuer}\n`);
  // Graceful: no new connection, /readyz 503, requests in flight finish (up to the timeout), then exit.
  const stop = () => {
    void http
      .close({ timeoutMs })
      .then(() => store?.close())
      .then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
