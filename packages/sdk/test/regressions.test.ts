// Regression tests for defects of the official SDKs listed in shared/protocol.md §11 that concern
// callbacks, invoke, map/parallel and combinators. Each names the defect and asserts the correct
// behaviour, the number of invocations and the virtual time elapsed.
import { describe, expect, it } from "vitest";
import { WaitingOperationStatus } from "@durable-ts/testing";
import { durable, runnerFor, START_MS } from "./support.js";

const elapsed = (runner: ReturnType<typeof runnerFor>) => runner.clock.nowMs() - START_MS;

describe("regressions of official SDK defects", () => {
  it("aws-js #510: map items each waiting for a callback do not wedge; the invocation suspends and resumes as answers arrive", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const r = await ctx.map("approvals", ["a", "b", "c"], async (c, who) => c.waitForCallback(`approve-${who}`, async () => undefined), { maxConcurrency: 3 });
        return r.getResults();
      }),
    );
    const running = runner.run();
    for (const who of ["c", "a", "b"]) {
      const handle = await runner.getOperation(`approve-${who}`).waitForData(WaitingOperationStatus.SUBMITTED);
      await runner.clock.advance({ minutes: 1 });
      await handle.sendCallbackSuccess(`ok-${who}`);
    }
    const result = await running;
    expect(result.getResult()).toEqual(["ok-a", "ok-b", "ok-c"]);
    expect(result.getInvocations().length).toBeLessThanOrEqual(4);
    expect(result.getInvocations()[0]?.status).toBe("PENDING");
    expect(elapsed(runner)).toBe(3 * 60_000);
  });

  it("aws-js #447/#448, #554/#566: map item errors keep type and message (never 'Unknown error'), live and after replay", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const r = await ctx.map(
          [1, 2],
          async (_c, n) => {
            if (n === 2) throw new EvalError(`item ${n} exploded`);
            return n;
          },
          { completionConfig: { toleratedFailurePercentage: 50 } },
        );
        await ctx.wait({ seconds: 1 });
        return r.getErrors().map((e) => [e.message, (e.cause as Error).name]);
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual([["item 2 exploded", "EvalError"]]);
    expect(result.getInvocations()).toHaveLength(2);
    expect(elapsed(runner)).toBe(1_000);
  });

  it("aws-js #359 / aws-py #280: tolerance is checked before all-completed, all-completed before min-successful; no criteria fails fast", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        // Items settle in index order here (no waits), so the last settle decides the ties.
        const run = (outcomes: boolean[], completionConfig?: object) =>
          ctx.map(
            outcomes,
            async (_c, ok) => {
              if (!ok) throw new Error("no");
              return ok;
            },
            { completionConfig },
          );
        return [
          (await run([true, false, true])).completionReason, // no criteria: the first failure ends it
          (await run([true, false], { toleratedFailureCount: 0 })).completionReason, // last settle fails and completes all
          (await run([false, true], { toleratedFailureCount: 1, minSuccessful: 1 })).completionReason, // last settle completes all and reaches min
          (await run([true, false, true], { minSuccessful: 1 })).completionReason,
        ];
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual(["FAILURE_TOLERANCE_EXCEEDED", "FAILURE_TOLERANCE_EXCEEDED", "ALL_COMPLETED", "MIN_SUCCESSFUL_REACHED"]);
    expect(result.getInvocations()).toHaveLength(1);
    expect(elapsed(runner)).toBe(0);
  });

  it("aws-py #323: an empty map completes at once with ALL_COMPLETED", async () => {
    const runner = runnerFor(durable(async (_e, ctx) => (await ctx.map("none", [], async () => 1)).completionReason));
    const result = await runner.run();
    expect(result.getResult()).toBe("ALL_COMPLETED");
    expect(result.getInvocations()).toHaveLength(1);
    expect(elapsed(runner)).toBe(0);
  });

  it("aws-js #433/#435: a combinator over a callback and a wait lets the invocation suspend", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const [reply] = await ctx.createCallback("reply");
        return ctx.promise.race("reply-or-timeout", [reply, ctx.wait("give-up", { hours: 2 }).then(() => "no reply")]);
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe("no reply");
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "SUCCEEDED"]);
    expect(elapsed(runner)).toBe(2 * 3600_000);
  });

  it("aws-js #492/#503: waits inside parallel branches let the invocation suspend once every branch is idle", async () => {
    let stepsRun = 0;
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        await ctx.parallel([
          async (c) => {
            await c.step(async () => stepsRun++);
            await c.wait({ seconds: 30 });
          },
          async (c) => c.wait({ seconds: 10 }),
        ]);
        return stepsRun;
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe(1);
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "PENDING", "SUCCEEDED"]);
    expect(elapsed(runner)).toBe(30_000);
  });
});
