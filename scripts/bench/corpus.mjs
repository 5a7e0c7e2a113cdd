/**
 * The receive-path corpus: realistic messages of a session as they arrive on the wire, each with the
 * method it belongs to (for a response, the method of the request it answers).
 */

const tool = (i) => ({
  name: `tool_${i}`,
  title: `Tool number ${i}`,
  description: `Does task ${i}: looks things up, transforms them and reports what it found, with paging.`,
  inputSchema: {
    type: "object",
    properties: {
      query: { type: "string", description: "What to look for" },
      limit: { type: "integer", minimum: 1, maximum: 100, default: 10 },
      cursor: { type: "string" },
      filters: { type: "array", items: { type: "string", enum: ["open", "closed", "draft"] } },
    },
    required: ["query"],
  },
  ...(i % 5 === 0
    ? {
        outputSchema: {
          type: "object",
          properties: { items: { type: "array", items: { type: "string" } }, total: { type: "integer" } },
          required: ["items"],
        },
      }
    : {}),
  annotations: { readOnlyHint: i % 2 === 0, openWorldHint: false },
});

/** Messages as `{ kind, method, json }`, kind being request, notification or result. */
export function corpus() {
  const messages = [
    [
      "request",
      "initialize",
      {
        jsonrpc: "2.0",
        id: 0,
        method: "initialize",
        params: {
          protocolVersion: "2025-11-25",
          capabilities: { roots: { listChanged: true }, sampling: {}, elicitation: { form: {} } },
          clientInfo: { name: "bench-client", title: "Bench client", version: "1.4.2" },
        },
      },
    ],
    [
      "result",
      "initialize",
      {
        jsonrpc: "2.0",
        id: 0,
        result: {
          protocolVersion: "2025-11-25",
          capabilities: {
            logging: {},
            tools: { listChanged: true },
            resources: { subscribe: true, listChanged: true },
            prompts: { listChanged: true },
          },
          serverInfo: { name: "bench-server", title: "Bench server", version: "2.0.0" },
          instructions: "Use the tools to look things up; read resources for the full documents.",
        },
      },
    ],
    ["notification", "notifications/initialized", { jsonrpc: "2.0", method: "notifications/initialized" }],
    ["request", "tools/list", { jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }],
    [
      "result",
      "tools/list",
      { jsonrpc: "2.0", id: 1, result: { tools: Array.from({ length: 50 }, (_, i) => tool(i)) } },
    ],
  ];
  for (let i = 0; i < 4; i++) {
    const id = 10 + i;
    messages.push(
      [
        "request",
        "tools/call",
        {
          jsonrpc: "2.0",
          id,
          method: "tools/call",
          params: {
            name: `tool_${i}`,
            arguments: { query: `find item ${i}`, limit: 20, filters: ["open"] },
            _meta: { progressToken: `p${id}` },
          },
        },
      ],
      [
        "notification",
        "notifications/progress",
        {
          jsonrpc: "2.0",
          method: "notifications/progress",
          params: { progressToken: `p${id}`, progress: 1, total: 2, message: "halfway" },
        },
      ],
      [
        "notification",
        "notifications/message",
        {
          jsonrpc: "2.0",
          method: "notifications/message",
          params: { level: "info", logger: "search", data: { step: "query", ms: 12 } },
        },
      ],
      [
        "result",
        "tools/call",
        {
          jsonrpc: "2.0",
          id,
          result: {
            content: [
              { type: "text", text: `Found 3 items for "find item ${i}": alpha, beta, gamma.` },
              {
                type: "resource_link",
                uri: `file:///data/items/${i}.json`,
                name: `items-${i}`,
                mimeType: "application/json",
              },
            ],
            structuredContent: { items: ["alpha", "beta", "gamma"], total: 3 },
            isError: false,
          },
        },
      ],
    );
  }
  messages.push(
    [
      "request",
      "resources/read",
      { jsonrpc: "2.0", id: 20, method: "resources/read", params: { uri: "file:///a.md" } },
    ],
    [
      "result",
      "resources/read",
      {
        jsonrpc: "2.0",
        id: 20,
        result: {
          contents: [
            { uri: "file:///a.md", mimeType: "text/markdown", text: "# Title\n\nSome text.\n".repeat(40) },
            {
              uri: "file:///a.png",
              mimeType: "image/png",
              blob: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
            },
          ],
        },
      },
    ],
    [
      "notification",
      "notifications/cancelled",
      { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 13, reason: "user" } },
    ],
  );
  return messages.map(([kind, method, message]) => ({ kind, method, json: JSON.stringify(message) }));
}

/** Messages both sides must reject, each wrong deep inside, so that both check to the same depth. */
export function invalidCorpus() {
  const messages = [
    [
      "result",
      "tools/list",
      { jsonrpc: "2.0", id: 1, result: { tools: [{ name: "a", inputSchema: { type: "array" } }] } },
    ],
    [
      "result",
      "tools/list",
      {
        jsonrpc: "2.0",
        id: 1,
        result: { tools: [{ name: "a", inputSchema: { type: "object" }, annotations: { readOnlyHint: "yes" } }] },
      },
    ],
    ["result", "tools/call", { jsonrpc: "2.0", id: 1, result: { content: [{ type: "text" }] } }],
    ["result", "tools/call", { jsonrpc: "2.0", id: 1, result: { content: [{ type: "resource_link", uri: "x" }] } }],
    ["result", "resources/read", { jsonrpc: "2.0", id: 1, result: { contents: [{ uri: "x", blob: 5 }] } }],
    ["request", "tools/call", { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "x", arguments: 5 } }],
    [
      "notification",
      "notifications/progress",
      { jsonrpc: "2.0", method: "notifications/progress", params: { progress: "a", progressToken: 1 } },
    ],
    [
      "request",
      "initialize",
      { jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {} } },
    ],
  ];
  return messages.map(([kind, method, message]) => ({ kind, method, json: JSON.stringify(message) }));
}
