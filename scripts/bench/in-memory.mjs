/**
 * Workload 1: tools/call round trips per second over each SDK's in-memory transport, 1 and 64 in
 * flight. Floor: JSON.stringify + JSON.parse of the same request and response, in process.
 */
import { interleave, rate } from "./lib.mjs";
import {
  echoMessages,
  echoResponse,
  mcpkit,
  mcpkitClient,
  mcpkitServer,
  official,
  officialClient,
  officialServer,
} from "./servers.mjs";

/** Connects a client and server of each SDK in memory; returns each side's call and close. */
async function connect() {
  const [kit, sdk] = await Promise.all([mcpkit(), official()]);
  const kitServer = mcpkitServer(kit);
  const [clientEnd, serverEnd] = kit.memoryPair();
  await kitServer.connect(serverEnd);
  const kitClient = await mcpkitClient(kit, clientEnd);

  const sdkServer = officialServer(sdk);
  const [sdkClientEnd, sdkServerEnd] = sdk.InMemoryTransport.createLinkedPair();
  await sdkServer.connect(sdkServerEnd);
  const sdkClient = await officialClient(sdk, sdkClientEnd);

  const { request } = echoMessages();
  const floor = async () => {
    const received = JSON.parse(JSON.stringify(request));
    return JSON.parse(JSON.stringify(echoResponse(received)));
  };
  return {
    calls: { mcpkit: kitClient.call, official: sdkClient.call, floor },
    async close() {
      await kitClient.close();
      await kitServer.close();
      await sdkClient.close();
      await sdkServer.close();
    },
  };
}

/** Runs the workload; returns its rows. */
export async function run({ reps, warmup, ms, sides }) {
  const { calls, close } = await connect();
  try {
    const rows = [];
    for (const inFlight of [1, 64]) {
      const values = await interleave((side) => rate(calls[side], inFlight, ms), { reps, warmup, sides });
      rows.push({
        id: `memory-${inFlight}`,
        label: `in-memory tools/call, ${inFlight} in flight`,
        unit: "calls/s",
        better: "higher",
        ...values,
        targets: [{ kind: "ratio", min: 3 }],
      });
    }
    return rows;
  } finally {
    await close();
  }
}
