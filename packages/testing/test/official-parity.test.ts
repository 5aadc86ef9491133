// Behaviour tests written for the official testing kit rely on, kept the same (docs/testing.md lists what differs on purpose).
import { afterEach, describe, expect, it } from "vitest";
import { durableExecution, type DurableContext } from "@durable-ts/sdk";
import { LocalDurableTestRunner, WaitingOperationStatus } from "@durable-ts/testing";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const handlerOf = (body: (event: unknown, ctx: DurableContext) => Promise<unknown>) => durableExecution(body, { logger: silent });

describe("sendCallbackSuccess", () => {
  it("without a result gives the handler undefined, not an empty string", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: handlerOf(async (_e, ctx) => {
        const [result] = await ctx.createCallback("approval");
        const value = await result;
        return { isUndefined: value === undefined, type: typeof value };
      }),
    });
    const running = runner.run();
    const op = await runner.getOperation("approval").waitForData(WaitingOperationStatus.STARTED);
    await op.sendCallbackSuccess();
    const result = await running;
    expect(result.getResult()).toEqual({ isUndefined: true, type: "undefined" });
  });
});

describe("setupTestEnvironment({ skipTime })", () => {
  afterEach(() => LocalDurableTestRunner.teardownTestEnvironment());
  const waitsTwoSeconds = () => handlerOf(async (_e, ctx) => ctx.wait({ seconds: 2 }));

  it("skipTime: false makes runners without their own skipTime wait in real time, also runners built before the call", async () => {
    const builtBefore = new LocalDurableTestRunner({ handlerFunction: waitsTwoSeconds() });
    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: false });
    const builtAfter = new LocalDurableTestRunner({ handlerFunction: waitsTwoSeconds() });
    for (const runner of [builtBefore, builtAfter]) {
      const started = Date.now();
      expect((await runner.run()).getStatus()).toBe("SUCCEEDED");
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    }
  });

  it("a runner's own skipTime wins over the environment, and teardown restores the default (skipping)", async () => {
    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: false });
    const own = new LocalDurableTestRunner({ handlerFunction: waitsTwoSeconds(), skipTime: true });
    await own.run();
    expect(own.clock.skipping).toBe(true);
    await LocalDurableTestRunner.teardownTestEnvironment();
    const plain = new LocalDurableTestRunner({ handlerFunction: waitsTwoSeconds() });
    await plain.run();
    expect(plain.clock.skipping).toBe(true);
  });
});
