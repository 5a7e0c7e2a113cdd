import { expect } from "chai";
import { buildModel, loadOverlay, parseSchema } from "../../codegen/index.js";
import { emitMethods } from "../../codegen/emit/methods.js";
import { emitSide, sideMethod } from "../../codegen/emit/side.js";

/** A tiny protocol in the 2020-12 shape: one client request, one server notification, one shared ping. */
const FIXTURE = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $defs: {
    EchoRequest: {
      type: "object",
      properties: {
        id: { type: "integer" },
        method: { const: "echo/say" },
        params: { $ref: "#/$defs/EchoRequestParams" },
      },
      required: ["id", "method", "params"],
    },
    EchoRequestParams: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
    EchoResult: { type: "object", properties: { text: { type: "string" } } },
    PingRequest: {
      type: "object",
      properties: { id: { type: "integer" }, method: { const: "ping" } },
      required: ["id", "method"],
    },
    EmptyResult: { type: "object" },
    ToolListChangedNotification: {
      type: "object",
      properties: { method: { const: "notifications/tools/list_changed" } },
    },
    ServerCapabilities: {
      type: "object",
      properties: { tools: { type: "object", properties: { listChanged: { type: "boolean" } } } },
    },
    ClientRequest: { anyOf: [{ $ref: "#/$defs/EchoRequest" }, { $ref: "#/$defs/PingRequest" }] },
    ServerRequest: { $ref: "#/$defs/PingRequest" },
    ServerNotification: { $ref: "#/$defs/ToolListChangedNotification" },
  },
};

describe("codegen: the model and emitters are pure functions of the schema", () => {
  const model = buildModel(parseSchema(FIXTURE, "fixture.json", "0".repeat(64)), "fixture", loadOverlay());

  it("derives requests, notifications, directions, pairing and gates from the unions", () => {
    expect(model.requests.map((r) => [r.method, r.type, r.directions, r.resultType])).to.deep.equal([
      ["echo/say", "EchoRequest", ["clientToServer"], "EchoResult"],
      ["ping", "PingRequest", ["clientToServer", "serverToClient"], "EmptyResult"],
    ]);
    expect(model.requests[0]!.params).to.deep.equal({
      pointer: "#/$defs/EchoRequest/properties/params",
      required: true,
      callerMayOmit: false,
    });
    expect(model.notifications.map((n) => [n.method, n.directions, n.capability])).to.deep.equal([
      ["notifications/tools/list_changed", ["serverToClient"], { side: "server", path: ["tools", "listChanged"] }],
    ]);
    expect(model.stateful).to.equal(false);
    expect(model.envelope).to.equal(null);
  });

  it("emits the method table and typed sides from the model alone", () => {
    const methods = emitMethods(model);
    expect(methods).to.contain('"echo/say": {');
    expect(methods).to.contain("get result() { return v.validateEchoRequest$result; }");
    expect(methods).to.contain('export type ServerRequestMethod = "ping";');
    const side = (s: "client" | "server") =>
      emitSide({
        side: s,
        header: "",
        typeImports: [],
        requests: model.requests.map((m) => sideMethod(m)),
        notifications: model.notifications.map((m) => sideMethod(m)),
      });
    expect(side("client")).to.contain(
      'echo(params: CallerParams<RequestMap["echo/say"]["params"]>, options?: Options): Promise<T.EchoResult> {',
    );
    expect(side("client")).to.contain('onToolListChanged: "notifications/tools/list_changed"');
    expect(side("server")).to.contain('"echo/say": (params: RequestMap["echo/say"]["params"], ctx: Ctx)');
    expect(side("server")).to.contain('sendToolListChanged: "notifications/tools/list_changed"');
  });
});
