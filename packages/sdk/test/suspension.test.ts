// When an invocation suspends (docs/concepts.md, "When an invocation suspends"): never while the
// handler's own work or a step body still runs; operations of other branches that fall due
// meanwhile continue in the same invocation; operations nobody awaited leave a warning.
import { describe, expect, it } from "vitest";
import { LocalDurableTestRunner, type TestWarning } from "@durable-ts/testing";
import { durable, runnerFor, START_MS, withClient } from "./support.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const statuses = (runner: { getInvocations(): { status?: string }[] }) => runner.getInvocations().map((i) => i.status);

describe("the handler's own work keeps the invocation running", () => {
  it("an un-awaited wait does not suspend a handler that is still running: it returns its value, SUCCEEDED, in one invocation", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        void ctx.wait({ days: 1 });
        await sleep(300);
        return "result";
      }),
    );
    const result = await runner.run();
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toBe("result");
    expect(statuses(result)).toEqual(["SUCCEEDED"]);
  });

  it("a plain timer awaited next to a durable wait runs to its end before the invocation suspends", async () => {
    let afterSleepRuns = 0;
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const [, marker] = await Promise.all([ctx.wait("cool-down", { seconds: 5 }), sleep(200).then(() => ctx.step("after-sleep", async () => ++afterSleepRuns))]);
        return marker;
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe(1);
    // The step after the timer was checkpointed by the first invocation, before the clock moved.
    expect(result.getOperation("after-sleep").getStartTimestamp()?.getTime()).toBe(START_MS);
    expect(statuses(result)).toEqual(["PENDING", "SUCCEEDED"]);
    expect(afterSleepRuns).toBe(1);
    expect(runner.clock.nowMs() - START_MS).toBe(5_000);
  });

  it("a handler awaiting only durable operations suspends without waiting for anything in-process", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        await ctx.wait({ hours: 20 });
        return "later";
      }),
    );
    const started = Date.now();
    const result = await runner.run();
    expect(result.getResult()).toBe("later");
    expect(statuses(result)).toEqual(["PENDING", "SUCCEEDED"]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("an awaited wait with a timer still running in the background suspends once that timer ended", async () => {
    const fired: number[] = [];
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        setTimeout(() => fired.push(fired.length), 150);
        await ctx.wait({ hours: 1 });
        return fired.length;
      }),
    );
    const result = await runner.run();
    // The first invocation ran its timer before suspending; the replay armed and awaited it again.
    expect(statuses(result)).toEqual(["PENDING", "SUCCEEDED"]);
    expect(fired.length).toBeGreaterThanOrEqual(1);
  });
});

describe("a step body running in one branch while other branches wait or retry", () => {
  it("a branch's wait completes in the same invocation while another branch's step body runs; the body's in-memory state is kept", async () => {
    let bodyRuns = 0;
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        let memory = 0;
        const batch = await ctx.parallel<number | string>([
          async (c) =>
            c.step("slow", async () => {
              bodyRuns++;
              memory = 1;
              await sleep(400);
              return (memory += 1);
            }),
          async (c) => {
            await c.wait({ seconds: 30 });
            return "waited";
          },
        ]);
        return { results: batch.getResults(), reason: batch.completionReason, memory };
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual({ results: [2, "waited"], reason: "ALL_COMPLETED", memory: 2 });
    expect(statuses(result)).toEqual(["SUCCEEDED"]);
    expect(bodyRuns).toBe(1);
    expect(runner.clock.nowMs() - START_MS).toBe(30_000);
  });

  /*
   * Regression (the NESTED batch property failed under heavy machine load): the runner let the
   * clock skip to a timer once a step body had "run" 50 ms of wall time, measured from the
   * microtasks that started it. A host stall that long inside a body that never yields (here a
   * synchronous loop stands in for the stall) moved the clock while the body ran, so an item's wait
   * ended before another item's step failed and the batch decided differently.
   */
  it("a step body that returns without yielding to the event loop never lets the clock skip to another branch's timer, however long the host takes", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const batch = await ctx.parallel([
          async (c) => (await c.wait({ seconds: 30 }), "waited"),
          async (c) => {
            await c.wait({ seconds: 1 });
            return c.step("busy", async () => {
              const until = performance.now() + 150;
              while (performance.now() < until); // the host stalls inside the body
              return "busy";
            });
          },
        ]);
        return batch.getResults();
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual(["waited", "busy"]);
    // The step ended at 1 s, and the wait completed in its own invocation at 30 s.
    expect(result.getOperation("busy").getEndTimestamp()?.getTime()).toBe(START_MS + 1_000);
    expect(result.getInvocations().map((i) => [i.startTimestamp?.getTime() - START_MS, i.status])).toEqual([
      [0, "PENDING"],
      [1_000, "PENDING"],
      [30_000, "SUCCEEDED"],
    ]);
  });

  it("a branch retrying while another branch's step body runs retries in the same invocation and the batch completes ALL_COMPLETED", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        let tries = 0;
        const batch = await ctx.parallel([
          async (c) => c.step("slow", async () => (await sleep(500), "slow")),
          async (c) =>
            c.step(
              "flaky",
              async () => {
                tries++;
                if (tries < 3) throw new Error(`not yet (${tries})`);
                return `ok after ${tries}`;
              },
              { retryStrategy: (_error, attempt) => ({ shouldRetry: attempt < 3, delay: { seconds: 10 } }) },
            ),
        ]);
        return { results: batch.getResults(), reason: batch.completionReason };
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual({ results: ["slow", "ok after 3"], reason: "ALL_COMPLETED" });
    expect(statuses(result)).toEqual(["SUCCEEDED"]);
    expect(result.getOperation("flaky").getStepDetails().attempt).toBe(3);
  });

  it("asks the service with an empty checkpoint when the other branch's wait falls due, and suspends once nothing runs", async () => {
    const calls: { updates: number; sawWaitDone: boolean }[] = [];
    const handler = durable(async (_e, ctx) => {
      await ctx.parallel([
        async (c) => {
          await c.step("slow", async () => (await sleep(400), 1));
          await c.wait("long", { hours: 5 });
        },
        async (c) => c.wait("short", { seconds: 20 }),
      ]);
      return "done";
    });
    const runner = new LocalDurableTestRunner({
      handlerFunction: withClient(handler, (client) => ({
        checkpoint: async (params) => {
          const response = await client.checkpoint(params);
          const ops = response.NewExecutionState?.Operations ?? [];
          calls.push({ updates: params.Updates?.length ?? 0, sawWaitDone: ops.some((op) => op.Type === "WAIT" && op.Status === "SUCCEEDED") });
          return response;
        },
        getExecutionState: (params) => client.getExecutionState(params),
      })),
      startTime: new Date(START_MS),
    });
    const result = await runner.run();
    expect(result.getResult()).toBe("done");
    // First invocation: the STARTs, the empty poll that shows the short wait done, then the second
    // branch's completion sent by the same invocation while the step body still ran.
    expect(calls.slice(0, 3)).toEqual([
      { updates: 5, sawWaitDone: false },
      { updates: 0, sawWaitDone: true },
      { updates: 1, sawWaitDone: false },
    ]);
    // It suspended for the long wait only. (The service re-invokes once for the short wait's timer,
    // which fired while the invocation ran: that replay answers PENDING at once.)
    expect(result.getInvocations()[0]?.endTimestamp?.getTime()).toBe(START_MS + 20_000);
    expect(statuses(result).at(-1)).toBe("SUCCEEDED");
    expect(runner.clock.nowMs() - START_MS).toBe(20_000 + 5 * 3_600_000);
  });

  it("without time skipping the wait falls due in real time and still completes in the same invocation", async () => {
    const handler = durable(async (_e, ctx) => {
      const batch = await ctx.parallel([async (c) => c.step("slow", async () => (await sleep(1_500), "slow")), async (c) => (await c.wait({ seconds: 1 }), "waited")]);
      return batch.getResults();
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, skipTime: false });
    const result = await runner.run();
    expect(result.getResult()).toEqual(["slow", "waited"]);
    expect(statuses(result)).toEqual(["SUCCEEDED"]);
  });
});

describe("operations nobody awaited (a forgotten await)", () => {
  it("a failing step nobody awaited and a wait still running are named in a warning of the test result and the log", async () => {
    const warnings: unknown[][] = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (...args: unknown[]) => warnings.push(args) };
    const runner = runnerFor(
      durable(
        async (_e, ctx) => {
          void ctx.step(
            "charge",
            async () => {
              throw new Error("card declined");
            },
            { retryStrategy: () => ({ shouldRetry: false }) },
          );
          void ctx.wait("reminder", { days: 1 });
          await sleep(50);
          return "returned";
        },
        { logger },
      ),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe("returned");
    const reported = result.getWarnings();
    expect(reported).toHaveLength(1);
    const [warning] = reported as [TestWarning];
    expect(warning.code).toBe("UNAWAITED_OPERATIONS");
    expect(warning.operations).toEqual([
      expect.objectContaining({ name: "reminder", type: "WAIT", state: "RUNNING" }),
      expect.objectContaining({ name: "charge", type: "STEP", state: "FAILED", error: "card declined" }),
    ]);
    expect(warning.message).toMatch(/forgotten await/);
    expect(warning.message).toContain('STEP "charge"');
    expect(warning.message).toContain('WAIT "reminder"');
    expect(warnings.map(([message]) => message)).toContain(warning.message);
  });

  it("awaited operations, the loser of a race and cancelled map items raise no warning", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        await ctx.step("a", async () => 1);
        await ctx.promise.race([ctx.wait("fast", { seconds: 1 }), ctx.wait("slow", { seconds: 10 })]);
        const batch = await ctx.map([1, 2, 3], async (c, n) => c.step(`item-${n}`, async () => (n === 1 ? n : (await sleep(200), n))), {
          completionConfig: { minSuccessful: 1 },
        });
        return batch.completionReason;
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe("MIN_SUCCESSFUL_REACHED");
    expect(result.getWarnings()).toEqual([]);
  });
});
