// Behaviour users of the official SDK assert on, kept the same (docs/getting-started.md lists what differs on purpose).
import { describe, expect, it } from "vitest";
import { durable, runnerFor } from "./support.js";

describe("BatchResult.totalCount", () => {
  it("counts every item given to the batch, also those never started, live and after replay", async () => {
    const seen: number[] = [];
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        const r = await ctx.map("m", [1, 2, 3, 4], async (_c, x) => x, { maxConcurrency: 1, completionConfig: { minSuccessful: 2 } });
        seen.push(r.totalCount);
        await ctx.wait({ seconds: 1 });
        return { total: r.totalCount, started: r.all.length, reason: r.completionReason };
      }),
    ).run();
    expect(result.getResult()).toEqual({ total: 4, started: 2, reason: "MIN_SUCCESSFUL_REACHED" });
    expect(seen).toEqual([4, 4]);
  });
});

describe("context misuse messages", () => {
  const noRetry = { retryStrategy: () => ({ shouldRetry: false }) };
  it.each([
    ["a step body using its parent context", async (_e: unknown, ctx: any) => ctx.step("s", async () => ctx.step("inner", async () => 1), noRetry), /inside a step/],
    [
      "a child body using its parent context",
      async (_e: unknown, ctx: any) => ctx.runInChildContext("c", async () => ctx.step("inner", async () => 1)),
      /not the active one/,
    ],
    [
      "a wait-for-condition check using the context",
      async (_e: unknown, ctx: any) =>
        ctx.waitForCondition("w", async (s: number) => (await ctx.step("inner", async () => s)) as number, {
          initialState: 1,
          waitStrategy: () => ({ shouldContinue: false }),
        }),
      /inside a step, wait-for-condition check/,
    ],
  ])("%s fails with the official phrase 'Context usage error' and our explanation", async (_label, handler, explanation) => {
    const result = await runnerFor(durable(handler)).run();
    expect(result.getStatus()).toBe("FAILED");
    const { errorMessage } = result.getError();
    expect(errorMessage).toMatch(/^Context usage error in "step": /);
    expect(errorMessage).toMatch(explanation);
  });
});
