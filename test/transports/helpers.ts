import { expect } from "chai";
import type { TransportEvents } from "../../src/protocol/transport.js";

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Transport events, recorded, with a way to wait for the ones still to come. */
export function recorder() {
  const messages: unknown[] = [];
  const malformed: string[] = [];
  const closes: (Error | undefined)[] = [];
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((waiter) => waiter());
  const events: TransportEvents = {
    message(message) {
      messages.push(message);
      notify();
    },
    malformed(reason) {
      malformed.push(reason);
      notify();
    },
    close(error) {
      closes.push(error);
      notify();
    },
  };
  const until = (done: () => boolean, what: string, ms = 10_000) =>
    new Promise<void>((resolve, reject) => {
      if (done()) return resolve();
      const waiter = () => {
        if (!done()) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      waiters.add(waiter);
    });
  const messageCount = (count: number) => until(() => messages.length >= count, `${count} messages`);
  const closed = async () => {
    await until(() => closes.length > 0, "close");
    return closes[0];
  };
  return { messages, malformed, closes, events, messageCount, closed };
}

/** What a send or start rejected with, or undefined if it resolved. */
export const rejection = (promise: void | Promise<void>) =>
  Promise.resolve(promise).then(
    () => undefined,
    (error: unknown) => error,
  );

const WATCHED = ["ChildProcess", "PipeWrap", "Timeout", "ProcessWrap"];
/** How many of each kind of resource keeps the event loop alive now. */
export const activeCounts = () => {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
};

/** Waits (a little) for child processes, pipes and timers to be back to what they were. */
export async function expectSettled(before: Map<string, number>) {
  let extra: string[] = [];
  await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 50; i++) {
    const now = activeCounts();
    extra = WATCHED.filter((kind) => (now.get(kind) ?? 0) > (before.get(kind) ?? 0));
    if (extra.length === 0) return;
    // A timer still counts as active until its callback's turn of the loop is over.
    await sleep(20);
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(extra, "resources left behind").to.deep.equal([]);
}

/** How many listeners the emitters hold, all events together. */
export const listenerTotal = (...emitters: NodeJS.EventEmitter[]) =>
  emitters.reduce(
    (sum, emitter) => sum + emitter.eventNames().reduce((n, name) => n + emitter.listenerCount(name), 0),
    0,
  );
