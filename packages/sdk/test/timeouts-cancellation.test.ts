import { describe, expect, it } from "vitest";
import { createRetryStrategy, JitterStrategy, StepTimeoutError } from "@durable-ts/sdk";
import { LocalDurableTestRunner } from "@durable-ts/testing";
import { durable, runnerFor, START_MS } from "./support.js";

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

describe("step timeout", () => {
  it("a timed-out attempt aborts its signal, counts as StepTimeoutError for the retry strategy, and the retry succeeds", async () => {
    const attempts: string[] = [];
    const runner = runnerFor(
      durable(async (_e, ctx) =>
        ctx.step(
          "slow-api",
          async ({ attempt, signal }) => {
            if (attempt === 1) {
              await sleep(5_000, signal).catch((e: Error) => attempts.push(`aborted:${e.name}`));
              return "late";
            }
            return `fast on attempt ${attempt}`;
          },
          {
            timeout: { milliseconds: 20 },
            retryStrategy: (error, made) => {
              attempts.push(`strategy:${error.name}@${made}`);
              return { shouldRetry: error instanceof StepTimeoutError, delay: { seconds: 3 } };
            },
          },
        ),
      ),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe("fast on attempt 2");
    expect([...attempts].sort()).toEqual(["aborted:StepTimeoutError", "strategy:StepTimeoutError@1"]);
    expect(result.getOperation("slow-api").getStepDetails().attempt).toBe(2);
    expect(runner.clock.nowMs() - START_MS).toBe(3_000);
  });

  it("near the Lambda deadline a running attempt stops with StepTimeoutError, is retried and the invocation suspends cleanly", async () => {
    const runner = new LocalDurableTestRunner({
      startTime: new Date(START_MS),
      invocationTimeout: { seconds: 3 }, // remaining time 3 s; the default margin is 2 s
      handlerFunction: durable(async (_e, ctx) =>
        ctx.step(
          "long",
          async ({ attempt, signal }) => {
            if (attempt === 1) await sleep(10_000, signal);
            return attempt;
          },
          { retryStrategy: createRetryStrategy({ maxAttempts: 3, initialDelay: { seconds: 1 }, jitter: JitterStrategy.NONE }) },
        ),
      ),
    });
    const started = Date.now();
    const result = await runner.run();
    expect(result.getResult()).toBe(2);
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "SUCCEEDED"]);
    expect(result.getOperation("long").getStepDetails().attempt).toBe(2);
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});

describe("cancellation", () => {
  it("the losing branch of a race is cancelled: its signal fires and its later side effect and checkpoints stop", async () => {
    const effects: string[] = [];
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const winner = ctx.runInChildContext("fast", async (c) => c.step(async () => "fast"));
        const loser = ctx.runInChildContext("slow", async (c) => {
          await c.step("prepare", async () => effects.push("prepared"));
          await c.wait({ seconds: 60 });
          await c.step("send-email", async () => effects.push("email sent"));
          return "slow";
        });
        const first = await ctx.promise.race("first", [winner, loser]);
        await ctx.wait("after", { minutes: 5 }); // the loser's wait ends meanwhile
        return first;
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe("fast");
    expect(effects).toEqual(["prepared"]);
    expect(result.getOperations().some((op) => op.getName() === "send-email")).toBe(false);
    expect(result.getOperation("slow").getStatus()).toBe("STARTED");
  });

  it("an item still running when minSuccessful completes a map sees its signal abort with CancelledError(BATCH_COMPLETED)", async () => {
    const reasons: string[] = [];
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        const r = await ctx.map(
          [0, 1],
          async (c, item) => {
            if (item === 0) return "first";
            c.signal.addEventListener("abort", () => reasons.push(`${(c.signal.reason as Error).name}:${(c.signal.reason as { reason: string }).reason}`));
            await c.wait({ minutes: 1 });
            return "second";
          },
          { completionConfig: { minSuccessful: 1 } },
        );
        return r.completionReason;
      }),
    ).run();
    expect(result.getResult()).toBe("MIN_SUCCESSFUL_REACHED");
    expect(reasons).toEqual(["CancelledError:BATCH_COMPLETED"]);
  });
});
