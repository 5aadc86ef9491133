import { describe, expect, it } from "vitest";
import { createWaitStrategy, JitterStrategy } from "@durable-ts/sdk";
import { durable, runnerFor, START_MS } from "./support.js";

describe("waitForCondition", () => {
  it("polls until the strategy stops, keeping the state between checks as RETRY payloads", async () => {
    const checks: number[] = [];
    const runner = runnerFor(
      durable(async (_e, ctx) =>
        ctx.waitForCondition(
          "job-done",
          async (state: { polls: number; status: string }, { attempt }) => {
            checks.push(attempt);
            const polls = state.polls + 1;
            return { polls, status: polls >= 3 ? "DONE" : "RUNNING" };
          },
          {
            initialState: { polls: 0, status: "RUNNING" },
            waitStrategy: createWaitStrategy({
              shouldContinuePolling: (s: { status: string }) => s.status !== "DONE",
              initialDelay: { seconds: 10 },
              backoffRate: 2,
              jitter: JitterStrategy.NONE,
            }),
          },
        ),
      ),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual({ polls: 3, status: "DONE" });
    expect(checks).toEqual([1, 2, 3]);
    const op = result.getOperation("job-done");
    expect([op.getType(), op.getSubType(), op.getStatus()]).toEqual(["STEP", "WaitForCondition", "SUCCEEDED"]);
    expect(runner.clock.nowMs() - START_MS).toBe(30_000); // 10 s, then 20 s
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "PENDING", "SUCCEEDED"]);
  });

  it("fails with WaitForConditionError when maxAttempts run out, never succeeding silently (aws-py #530/#541)", async () => {
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        try {
          await ctx.waitForCondition("never", async (n: number) => n + 1, {
            initialState: 0,
            waitStrategy: createWaitStrategy({ shouldContinuePolling: () => true, maxAttempts: 3, initialDelay: { seconds: 1 }, jitter: JitterStrategy.NONE }),
          });
          return "succeeded?!";
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      }),
    ).run();
    expect(result.getResult()).toMatch(/^WaitForConditionError: .*3/);
    expect(result.getOperation("never").getStatus()).toBe("FAILED");
  });

  it("a throwing check fails at once with WaitForConditionError carrying the cause (no retry)", async () => {
    let checks = 0;
    const result = await runnerFor(
      durable(async (_e, ctx) =>
        ctx
          .waitForCondition(
            "boom",
            async () => {
              checks++;
              throw new URIError("bad status endpoint");
            },
            { initialState: 0, waitStrategy: () => ({ shouldContinue: true, delay: { seconds: 1 } }) },
          )
          .catch((e: Error & { cause?: Error }) => `${e.name}<${e.cause?.name}:${e.cause?.message}>`),
      ),
    ).run();
    expect(result.getResult()).toBe("WaitForConditionError<URIError:bad status endpoint>");
    expect(checks).toBe(1);
  });

  it("timeoutSeconds is measured on the service clock from the operation's start", async () => {
    const result = await runnerFor(
      durable(async (_e, ctx) =>
        ctx
          .waitForCondition("bounded", async (n: number) => n + 1, {
            initialState: 0,
            waitStrategy: createWaitStrategy({
              shouldContinuePolling: () => true,
              initialDelay: { seconds: 60 },
              backoffRate: 1,
              jitter: JitterStrategy.NONE,
              timeoutSeconds: 150,
            }),
          })
          .catch((e: Error) => e.message),
      ),
    ).run();
    // Checks at 0, 60, 120 and 180 s: the fourth is past 150 s.
    expect(result.getResult()).toMatch(/within 150 s \(180 s elapsed\)/);
  });
});
