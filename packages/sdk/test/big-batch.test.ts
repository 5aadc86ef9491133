import { describe, expect, it } from "vitest";
import { durable, invokeOnce, runnerFor } from "./support.js";

describe("map and parallel over many items", () => {
  it("a map of 8,000 items succeeds: its summary records index ranges, not one entry per item", async () => {
    const items = Array.from({ length: 8_000 }, (_, i) => i);
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        const r = await ctx.map("many", items, async (_c, item) => item, { maxConcurrency: 100 });
        return { count: r.successCount, sum: r.getResults().reduce((a, b) => a + b, 0) };
      }),
    ).run();
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toEqual({ count: 8_000, sum: (8_000 * 7_999) / 2 });
    const stored = result.getOperation("many").getOperationData();
    expect(stored.ContextDetails?.ReplayChildren).toBe(true);
    expect(JSON.parse(stored.ContextDetails?.Result ?? "")).toEqual({ v: 2, reason: "ALL_COMPLETED", finished: [[0, 7_999]], started: [] });
  });

  it("a parallel of 8,000 branches succeeds the same way", async () => {
    const branches = Array.from({ length: 8_000 }, (_, i) => async () => i);
    const result = await runnerFor(durable(async (_e, ctx) => (await ctx.parallel("fan", branches, { maxConcurrency: 100 })).successCount)).run();
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toBe(8_000);
  });

  it("an execution whose map summary was stored in format 1 (one entry per item) still replays to the same result", async () => {
    const handler = durable(async (_e, ctx) => {
      const r = await ctx.map(
        "big",
        [0, 1, 2, 3],
        async (c, item) => {
          if (item === 3) await c.wait("slow", { hours: 1 });
          return c.step(`s${item}`, async () => `${item}`.repeat(100_000));
        },
        { completionConfig: { minSuccessful: 3 } },
      );
      await ctx.wait({ seconds: 1 });
      return { reason: r.completionReason, items: r.all.map((i) => [i.index, i.status, (i.result as string | undefined)?.length ?? null]) };
    });
    const first = await runnerFor(handler).run();
    expect(first.getResult()).toEqual({
      reason: "MIN_SUCCESSFUL_REACHED",
      items: [
        [0, "SUCCEEDED", 100_000],
        [1, "SUCCEEDED", 100_000],
        [2, "SUCCEEDED", 100_000],
        [3, "STARTED", null],
      ],
    });
    const map = first.getOperation("big").getOperationData();
    expect(JSON.parse(map.ContextDetails?.Result ?? "")).toEqual({ v: 2, reason: "MIN_SUCCESSFUL_REACHED", finished: [[0, 2]], started: [[3, 3]] });

    // The same log as an older SDK version wrote it: format-1 summary.
    const v1 = { v: 1, reason: "MIN_SUCCESSFUL_REACHED", items: [0, 1, 2].map((index) => ({ index, status: "SUCCEEDED" })).concat([{ index: 3, status: "STARTED" }]) };
    const operations = first
      .getOperations()
      .map((op) => op.getOperationData())
      .map((op) => (op.Id === map.Id ? { ...op, ContextDetails: { ...op.ContextDetails, Result: JSON.stringify(v1) } } : op));
    const { answer, updates } = await invokeOnce(handler, operations);
    expect(answer).toEqual({ Status: "SUCCEEDED", Result: JSON.stringify(first.getResult()) });
    expect(updates).toEqual([]);
  });
});
