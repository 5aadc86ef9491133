// The local runner keeps working while a test has faked the global timers: it takes its timers
// from node:timers and its wall clock from a reference captured at load, never from the globals
// a test framework replaces. jest's default fake timers fake everything below; vitest's default
// set is a subset of it.
import { createRetryStrategy, durableExecution, JitterStrategy } from "@durable-ts/sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LocalDurableTestRunner } from "../src/runners/index.js";

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

const workflow = durableExecution(
  async (event: { n: number }, ctx) => {
    const charged = await ctx.step(
      "charge",
      async ({ attempt }) => {
        if (attempt < 2) throw new Error("card network busy");
        return event.n * 10;
      },
      { retryStrategy: createRetryStrategy({ maxAttempts: 2, initialDelay: { seconds: 1 }, jitter: JitterStrategy.NONE }) },
    );
    await ctx.wait("cool-down", { hours: 2 });
    const lines = await ctx.map("lines", [1, 2, 3], async (c, item: number) => c.step(async () => item * event.n), { maxConcurrency: 2 });
    const both = await ctx.parallel("both", [async (c) => c.step(async () => "a"), async (c) => c.wait({ seconds: 30 }).then(() => "b")]);
    const all = await ctx.promise.all("pair", [ctx.step("x", async () => 1), ctx.step("y", async () => 2)]);
    const approval = await ctx.waitForCallback<string>("approval", async () => undefined);
    return { charged, lines: lines.getResults(), both: both.getResults(), all, approval };
  },
  { logger: quietLogger },
);

async function runWorkflow() {
  const runner = new LocalDurableTestRunner({ handlerFunction: workflow, callbacks: { approval: { success: "ok", after: { minutes: 5 } } } });
  const result = await runner.run({ payload: { n: 3 }, timeoutMs: 10_000 });
  const status = result.getStatus();
  return { status, result: status === "SUCCEEDED" ? result.getResult() : result.getError() };
}

const expected = { status: "SUCCEEDED", result: { charged: 30, lines: [3, 6, 9], both: ["a", "b"], all: [1, 2], approval: "ok" } };

// What jest's `jest.useFakeTimers()` fakes by default (modern timers, @sinonjs/fake-timers), less
// process.nextTick, which vitest cannot fake in its default process pool; the consumer test
// (consumer-test/) runs the same workflow under jest itself with its full defaults.
const jestDefaults = [
  "setTimeout",
  "clearTimeout",
  "setInterval",
  "clearInterval",
  "setImmediate",
  "clearImmediate",
  "Date",
  "performance",
  "hrtime",
  "queueMicrotask",
] as const;

describe("the local runner beside fake timers", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs a workflow with vitest's default fake timers installed", async () => {
    vi.useFakeTimers();
    expect(vi.isFakeTimers()).toBe(true);
    expect(await runWorkflow()).toEqual(expected);
  });

  it("runs a workflow with the timers jest fakes by default faked, queueMicrotask, performance and hrtime included", async () => {
    vi.useFakeTimers({ toFake: [...jestDefaults] });
    const frozen = Date.now();
    expect(await runWorkflow()).toEqual(expected);
    // The fakes stayed in place and the virtual clock did not move them.
    expect(Date.now()).toBe(frozen);
  });

  it("does not advance the test's fake clock", async () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") });
    await runWorkflow();
    expect(new Date().toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });
});
