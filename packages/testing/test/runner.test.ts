import { describe, expect, it } from "vitest";
import { durableExecution, type DurableLambdaHandler } from "@durable-ts/sdk";
import { InMemoryBackend, LocalDurableTestRunner, WaitingOperationStatus } from "@durable-ts/testing";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const START = new Date("2026-03-01T00:00:00Z");
const runner = (handler: DurableLambdaHandler) => new LocalDurableTestRunner({ handlerFunction: handler, startTime: START });

describe("LocalDurableTestRunner", () => {
  it("gives each run's result that run's operations and history, read after later runs, and only copies of them", async () => {
    const doubling = runner(durableExecution(async (event: { n: number }, ctx) => ctx.step("double", async () => event.n * 2), { logger: silent }));
    const first = await doubling.run({ payload: { n: 1 } });
    const second = await doubling.run({ payload: { n: 5 } });
    expect(first.getOperation("double").getStepDetails().result).toBe(2);
    expect(second.getOperation("double").getStepDetails().result).toBe(10);

    const events = first.getHistoryEvents();
    expect(events.map((event) => event.EventType)).toEqual(["ExecutionStarted", "StepStarted", "StepSucceeded", "InvocationCompleted", "ExecutionSucceeded"]);
    const started = events[1]!.EventTimestamp!.getTime();
    events[1]!.EventTimestamp!.setTime(0);
    events[2]!.StepSucceededDetails!.Result!.Payload = "changed";
    first.getOperations()[0]!.getOperationData().Name = "changed";
    const again = first.getHistoryEvents();
    expect(again[1]!.EventTimestamp!.getTime()).toBe(started);
    expect(again[2]!.StepSucceededDetails!.Result!.Payload).toBe("2");
    expect(second.getHistoryEvents()[2]!.EventTimestamp!.getTime()).toBe(started);
    expect(doubling.backend.getOperations(doubling.backend.listExecutionArns()[0]!).map((operation) => operation.Name)).toEqual([undefined, "double"]);
  });

  it("keeps the official kit's static set-up and tear-down as harmless no-ops", async () => {
    await expect(LocalDurableTestRunner.setupTestEnvironment({ skipTime: true })).resolves.toBeUndefined();
    await expect(LocalDurableTestRunner.teardownTestEnvironment()).resolves.toBeUndefined();
  });

  it("runs two runners in parallel in one test, each on its own virtual clock", async () => {
    const waiting = (seconds: number) =>
      runner(
        durableExecution(
          async (_e, ctx) => {
            await ctx.wait({ seconds });
            return seconds;
          },
          { logger: silent },
        ),
      );
    const [a, b] = [waiting(60), waiting(3600)];
    const [ra, rb] = await Promise.all([a.run(), b.run()]);
    expect([ra.getResult(), rb.getResult()]).toEqual([60, 3600]);
    expect(a.clock.nowMs() - START.getTime()).toBe(60_000);
    expect(b.clock.nowMs() - START.getTime()).toBe(3_600_000);
  });

  it("hands out operation handles before run() and fills them as data arrives", async () => {
    const r = runner(
      durableExecution(
        async (_e, ctx) => {
          await ctx.step("first", async () => "one");
          await ctx.wait("pause", { minutes: 1 });
          return ctx.step("second", async () => "two");
        },
        { logger: silent },
      ),
    );
    const second = r.getOperation("second");
    const byIndex = r.getOperationByIndex(1);
    expect(second.exists()).toBe(false);
    const running = r.run();
    const completed = await second.waitForData(WaitingOperationStatus.COMPLETED);
    expect(completed.getStepDetails().result).toBe("two");
    await running;
    expect(byIndex.getName()).toBe("pause");
    expect(r.getOperationById(second.getId()).getName()).toBe("second");
    expect(() => second.getWaitDetails()).toThrow(/is a STEP, not a WAIT/);
  });

  it("waitForData rejects, naming the operation, when the execution ends first (aws-js #317/#318)", async () => {
    const r = runner(durableExecution(async (_e, ctx) => ctx.step("only", async () => 1), { logger: silent }));
    const never = r.getOperation("never-created").waitForData();
    await r.run();
    await expect(never).rejects.toThrow(/ended before operation named "never-created" reached STARTED/);
  });

  it("re-invokes a throwing handler after 5 virtual seconds, and fails the execution after 5 failures in a row", async () => {
    let calls = 0;
    const flaky: DurableLambdaHandler = async (event, context) => {
      calls++;
      if (calls <= 2) throw new Error(`transient ${calls}`);
      return durableExecution(async () => "finally", { logger: silent })(event, context);
    };
    const r1 = runner(flaky);
    const ok = await r1.run();
    expect(ok.getResult()).toBe("finally");
    expect(ok.getInvocations().map((i) => i.status)).toEqual(["THROWN", "THROWN", "SUCCEEDED"]);
    expect(r1.clock.nowMs() - START.getTime()).toBe(10_000);

    const r2 = runner(async () => {
      throw new Error("always broken");
    });
    const failed = await r2.run();
    expect(failed.getStatus()).toBe("FAILED");
    expect(failed.getInvocations()).toHaveLength(5);
    expect(failed.getError().errorMessage).toContain("always broken");
  });

  it("counts a malformed answer as a failed invocation, like the service", async () => {
    const r = runner((async () => ({ Status: "MAYBE" })) as never);
    const result = await r.run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getInvocations()).toHaveLength(5);
  });

  it("shares one backend between runners without running anything twice", async () => {
    const backend = new InMemoryBackend({ startTime: START });
    let childRuns = 0;
    const parent = new LocalDurableTestRunner({ backend, handlerFunction: durableExecution(async (_e, ctx) => ctx.invoke("child", "child-fn", {}), { logger: silent }) });
    const other = new LocalDurableTestRunner({ backend, functionName: "other", handlerFunction: durableExecution(async () => "other", { logger: silent }) });
    parent.registerDurableFunction(
      "child-fn",
      durableExecution(async (_e, ctx) => ctx.step(async () => ++childRuns), { logger: silent }),
    );
    const [p, o] = await Promise.all([parent.run(), other.run()]);
    expect([p.getResult(), o.getResult()]).toEqual([1, "other"]);
    expect(childRuns).toBe(1);
  });

  it("rejects run() with a clear message when nothing can advance the execution", async () => {
    const r = runner(
      durableExecution(
        async (_e, ctx) => {
          const [result] = await ctx.createCallback("forever");
          return result;
        },
        { logger: silent },
      ),
    );
    await expect(r.run({ timeoutMs: 200 })).rejects.toThrow(/timed out after 200 ms: pending operations: CALLBACK "forever" \(STARTED\)/);
  });
});
