import { describe, expect, it } from "vitest";
import { LocalDurableTestRunner } from "@durable-ts/testing";
import { handler } from "./parallel-dashboard.js";

const startTime = new Date("2026-01-01T00:00:00Z");

describe("examples/parallel-dashboard", () => {
  it("loads every section, then completes the quote batch at the first success", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const result = await runner.run({ payload: { userId: "u-7" } });

    expect(result.getResult()).toEqual({
      profile: ["user u-7"],
      orders: ["order-1", "order-2"],
      recommendations: ["green tea"],
      quote: 9.99,
      quoteSources: ["cached:SUCCEEDED", "live:STARTED"],
      quoteReason: "MIN_SUCCESSFUL_REACHED",
    });
    // Only the 30 s warm-up was waited for; the 10 min market-open wait was abandoned.
    expect(runner.clock.nowMs() - startTime.getTime()).toBe(30_000);
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "SUCCEEDED"]);

    const dashboard = result.getOperation("load-dashboard");
    expect([dashboard.getType(), dashboard.getSubType()]).toEqual(["CONTEXT", "Parallel"]);
    expect(dashboard.getChildOperations().map((op) => [op.getName(), op.getSubType()])).toEqual([
      ["profile", "ParallelBranch"],
      ["orders", "ParallelBranch"],
      ["parallel-branch-2", "ParallelBranch"],
    ]);
    // The cancelled branch wrote nothing after the batch completed.
    expect(result.getOperation("live").getStatus()).toBe("STARTED");
    expect(result.getOperation("read-live").exists()).toBe(false);
  });
});
