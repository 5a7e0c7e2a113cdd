import { META } from "../../src/protocol/mcp-headers.js";

/** A DiscoverResult (2026-07-28), with serverInfo in `_meta` where that revision puts it. */
export const discoverResult = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  resultType: "complete",
  supportedVersions: ["2026-07-28"],
  capabilities: { tools: {} },
  ttlMs: 0,
  cacheScope: "public",
  _meta: { [META.serverInfo]: { name: "stateless-server", version: "2" } },
  ...extra,
});
