/**
 * Tools the replica tests (test/redis/cluster-sessions*.test.ts) drive through `npm run cluster`
 * beyond the conformance inventory, named `cluster_*` so that no conformance scenario meets them: a
 * long call reporting progress at a steady pace (a stream to cut in the middle), and a resource
 * update raised by a request that may land on any replica.
 */
import type { FastMCP } from "../../src/server/index.js";

const PROGRESS = {
  type: "object",
  properties: {
    steps: { type: "integer", minimum: 1, maximum: 1000 },
    intervalMs: { type: "integer", minimum: 0, maximum: 10_000 },
  },
  required: ["steps", "intervalMs"],
} as const;

const URI = { type: "object", properties: { uri: { type: "string" } }, required: ["uri"] } as const;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Adds the `cluster_*` tools to `app`. */
export function addClusterFixtures(app: FastMCP): void {
  app.tool(
    "cluster_progress",
    { description: "Reports progress 1..steps of steps, one every intervalMs, then answers", input: PROGRESS },
    async ({ steps, intervalMs }, ctx) => {
      for (let step = 1; step <= steps; step++) {
        await delay(intervalMs);
        await ctx.reportProgress(step, steps, `step ${step} of ${steps}`);
      }
      return `cluster_progress: ${steps} steps done`;
    },
  );
  app.tool(
    "cluster_touch_resource",
    { description: "Tells every subscriber of uri, on every replica, that it changed", input: URI },
    async ({ uri }) => {
      await app.notifyResourceUpdated(uri);
      return `updated ${uri}`;
    },
  );
}
