import { expect } from "chai";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { NodeHttpRequester } from "../../../src/transports/http/node-client.js";
import { cleanupHooks } from "../../fixtures/http-clients/helpers.js";

/**
 * What the raw server does with a request: answer it; reset the connection (RST) or close it (FIN)
 * the moment the request arrives, as a server whose keep-alive timer fires just then does; or send
 * the first line of an answer and then reset.
 */
type Verdict = "answer" | "reset" | "close" | "partial";

/** One request the server received: on which connection (0-based) and which request on it. */
interface Seen {
  connection: number;
  nth: number;
}

const ANSWER = '{"jsonrpc":"2.0","id":1,"result":{}}';

/**
 * An HTTP/1.1 server on raw sockets (127.0.0.1), so the test decides exactly when a connection
 * dies: `script` gives the verdict for the `nth` request on `connection`.
 */
async function rawServer(script: (connection: number, nth: number) => Verdict) {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    const connection = connections++;
    let nth = 0;
    let buffered = Buffer.alloc(0);
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.on("data", (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const head = buffered.indexOf("\r\n\r\n");
        if (head < 0) return;
        const length = Number(/content-length: *(\d+)/i.exec(buffered.subarray(0, head).toString())?.[1] ?? 0);
        if (buffered.length < head + 4 + length) return;
        buffered = buffered.subarray(head + 4 + length);
        seen.push({ connection, nth });
        const verdict = script(connection, nth++);
        if (verdict === "reset") return void socket.resetAndDestroy();
        if (verdict === "close") return void socket.destroy();
        if (verdict === "partial")
          return void socket.write("HTTP/1.1 200 OK\r\n", () => setTimeout(() => socket.resetAndDestroy(), 50));
        socket.write(
          "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nkeep-alive: timeout=5\r\n" +
            `content-length: ${ANSWER.length}\r\n\r\n${ANSWER}`,
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`),
    seen,
    connections: () => connections,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("transports/node-http-client: a request on a keep-alive connection the server closed", () => {
  const defer = cleanupHooks();

  /** The server, and a requester of its own whose POSTs resolve with the answer's text. */
  async function setup(script: (connection: number, nth: number) => Verdict) {
    const server = await rawServer(script);
    defer(() => server.stop());
    const http = new NodeHttpRequester(server.url);
    defer(async () => http.close());
    const post = async () => {
      const body = '{"jsonrpc":"2.0","id":1,"method":"ping"}';
      const headers = { "content-type": "application/json" };
      return (await http.request("POST", headers, body, new AbortController().signal)).text();
    };
    return { server, post };
  }

  for (const verdict of ["reset", "close"] as const) {
    it(`is sent again once, on a new connection, when the server ${verdict === "reset" ? "resets" : "closes"} the reused connection as the request arrives`, async () => {
      const { server, post } = await setup((connection, nth) => (connection === 0 && nth === 1 ? verdict : "answer"));
      expect(await post()).to.equal(ANSWER);
      expect(await post()).to.equal(ANSWER);
      expect(server.seen).to.deep.equal([
        { connection: 0, nth: 0 },
        { connection: 0, nth: 1 },
        { connection: 1, nth: 0 },
      ]);
    });
  }

  it("is sent again at most once: a retry that fails too rejects", async () => {
    const { server, post } = await setup((connection, nth) => (connection === 0 && nth === 0 ? "answer" : "reset"));
    expect(await post()).to.equal(ANSWER);
    const error = (await post().catch((e: unknown) => e)) as Error;
    expect(error.message).to.match(/^the POST to .* failed: .*ECONNRESET/);
    expect(server.seen).to.have.length(3);
    expect(server.connections()).to.equal(2);
  });

  it("is not sent again when the connection was new (the server refused it, not an idle connection)", async () => {
    const { server, post } = await setup(() => "reset");
    const error = (await post().catch((e: unknown) => e)) as Error;
    expect(error.message).to.match(/^the POST to .* failed: .*ECONNRESET/);
    expect(server.seen).to.deep.equal([{ connection: 0, nth: 0 }]);
  });

  it("is not sent again when part of the answer had arrived (the server may have acted on it)", async () => {
    const { server, post } = await setup((_connection, nth) => (nth === 1 ? "partial" : "answer"));
    expect(await post()).to.equal(ANSWER);
    const error = (await post().catch((e: unknown) => e)) as Error;
    expect(error.message).to.match(/^the POST to .* failed: /);
    expect(server.seen).to.deep.equal([
      { connection: 0, nth: 0 },
      { connection: 0, nth: 1 },
    ]);
  });
});
