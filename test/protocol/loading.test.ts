import { expect } from "chai";
import { LazyValidators, ValidatorsLoading, loadValidators } from "../../generated/lazy.js";
import { InboundBacklog, whenLoaded } from "../../src/protocol/loading.js";

/** Validators that cannot be loaded synchronously (no file beside this URL), loaded by `load`. */
function asyncValidators(load: () => Promise<unknown>) {
  return new LazyValidators<{ validateThing: (value: unknown) => boolean }>(
    "file:///nowhere/methods.js",
    "./validators.cjs",
    ["validateThing"],
    load,
  );
}

describe("protocol/loading: validators that load asynchronously (a bundle, an edge runtime)", () => {
  it("a first read throws ValidatorsLoading, whose promise settles once they are loaded; later reads are plain", async () => {
    const lazy = asyncValidators(async () => ({ default: { validateThing: (value: unknown) => value === 1 } }));
    let thrown: unknown;
    try {
      void lazy.exports.validateThing;
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(ValidatorsLoading);
    await (thrown as ValidatorsLoading).loading;
    expect(lazy.exports.validateThing(1)).to.equal(true);
    expect(await whenLoaded(() => lazy.exports.validateThing(2))).to.equal(false);
  });

  it("loadValidators waits for a revision's validators; a loader that fails rejects, and may be tried again", async () => {
    let attempts = 0;
    const lazy = asyncValidators(async () => {
      if (++attempts === 1) throw new Error("offline");
      return { validateThing: () => true };
    });
    const revision = { validators: lazy.exports };
    const failed = await loadValidators(revision).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failed?.message).to.equal("offline");
    await loadValidators(revision);
    expect(lazy.exports.validateThing(0)).to.equal(true);
    expect(attempts).to.equal(2);
  });

  it("InboundBacklog keeps messages in the order they came while validators load, then dispatches them", async () => {
    let release!: () => void;
    const loading = new Promise<void>((resolve) => (release = resolve));
    let loaded = false;
    const dispatched: unknown[] = [];
    const backlog = new InboundBacklog(
      (message) => {
        if (!loaded)
          throw new ValidatorsLoading(
            "./validators.cjs",
            loading.then(() => void (loaded = true)),
          );
        dispatched.push(message);
      },
      () => expect.fail("nothing is refused"),
    );
    for (const id of [1, 2, 3]) backlog.receive({ id }, undefined);
    expect(dispatched).to.deep.equal([]);
    release();
    await loading;
    await new Promise((resolve) => setImmediate(resolve));
    backlog.receive({ id: 4 }, undefined);
    expect(dispatched).to.deep.equal([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
  });

  it("InboundBacklog refuses each request that waited when the validators cannot be loaded; notifications are dropped", async () => {
    const failure = Promise.reject(new Error("validators unavailable"));
    failure.catch(() => {});
    const refused: [unknown, string][] = [];
    const backlog = new InboundBacklog(
      () => {
        throw new ValidatorsLoading("./validators.cjs", failure);
      },
      (id, message) => refused.push([id, message]),
    );
    backlog.receive({ jsonrpc: "2.0", id: 1, method: "tools/list" }, undefined);
    backlog.receive({ jsonrpc: "2.0", method: "notifications/initialized" }, undefined);
    backlog.receive([{ jsonrpc: "2.0", id: "b", method: "ping" }], undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(refused.map(([id]) => id)).to.deep.equal([1, "b"]);
    expect(refused[0]![1]).to.include("validators unavailable");
  });
});
