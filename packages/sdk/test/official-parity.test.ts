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
