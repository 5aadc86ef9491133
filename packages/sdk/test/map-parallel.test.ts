import { describe, expect, it } from "vitest";
import { BatchItemStatus, hashOperationId, type BatchResult } from "@durable-ts/sdk";
import { durable, runnerFor, START_MS } from "./support.js";

const summary = (r: BatchResult<unknown>) => ({
  reason: r.completionReason,
  status: r.status,
  items: r.all.map((item) => [item.index, item.status, (item.status === BatchItemStatus.FAILED ? item.error?.message : item.result) ?? null]),
});

describe("map", () => {
  it("runs every item in its own MapIteration context at positions that follow item indexes", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const result = await ctx.map("double", [5, 6, 7], async (c, item, index) => c.step(`x${index}`, async () => item * 2), {
          itemNamer: (item) => `item-${item}`,
        });
        return result.getResults();
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual([10, 12, 14]);
    const map = result.getOperation("double");
    expect([map.getType(), map.getSubType(), map.getId()]).toEqual(["CONTEXT", "Map", hashOperationId("1")]);
    expect(map.getChildOperations().map((op) => [op.getName(), op.getSubType(), op.getId()])).toEqual([
      ["item-5", "MapIteration", hashOperationId("1-1")],
      ["item-6", "MapIteration", hashOperationId("1-2")],
      ["item-7", "MapIteration", hashOperationId("1-3")],
    ]);
    expect(result.getOperation("x1").getId()).toBe(hashOperationId("1-2-1"));
  });

  it("names items map-item-<i> by default and finishes an empty map at once (ALL_COMPLETED)", async () => {
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        const empty = await ctx.map([] as number[], async () => 1);
        const one = await ctx.map([1], async () => 1);
        return { empty: summary(empty), names: one.all.length };
      }),
    ).run();
    expect(result.getResult()).toEqual({ empty: { reason: "ALL_COMPLETED", status: "SUCCEEDED", items: [] }, names: 1 });
    expect(
      result
        .getOperations()
        .filter((op) => op.getSubType() === "MapIteration")
        .map((op) => op.getName()),
    ).toEqual(["map-item-0"]);
  });

  it("keeps item errors intact (class and message), live and after replay, and never throws them", async () => {
    const seen: string[] = [];
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        const r = await ctx.map(
          "m",
          ["ok", "bad"],
          async (c, item) => {
            if (item === "bad") throw new RangeError("item went bad");
            return item;
          },
          { completionConfig: { toleratedFailureCount: 1 } },
        );
        const error = r.failed()[0]!.error;
        seen.push(`${error.name}|${error.message}|${(error.cause as Error).name}|${(error.cause as Error).message}`);
        await ctx.wait({ seconds: 1 });
        return summary(r);
      }),
    ).run();
    expect(result.getResult()).toEqual({
      reason: "ALL_COMPLETED",
      status: "FAILED",
      items: [
        [0, "SUCCEEDED", "ok"],
        [1, "FAILED", "item went bad"],
      ],
    });
    expect(seen).toEqual(["ChildContextError|item went bad|RangeError|item went bad", "ChildContextError|item went bad|RangeError|item went bad"]);
  });

  it("fails fast without completion criteria; running items are reported STARTED and write nothing more", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const r = await ctx.map("m", [0, 1, 2], async (c, item) => {
          if (item === 0) throw new Error("first fails");
          await c.wait({ seconds: 60 });
          return c.step("after-wait", async () => item);
        });
        return summary(r);
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual({
      reason: "FAILURE_TOLERANCE_EXCEEDED",
      status: "FAILED",
      items: [
        [0, "FAILED", "first fails"],
        [1, "STARTED", null],
        [2, "STARTED", null],
      ],
    });
    expect(result.getOperations().filter((op) => op.getName() === "after-wait")).toHaveLength(0);
  });

  it("an item still running when the batch completes is cancelled: its step's later result is not checkpointed", async () => {
    let slowBodyFinished = false;
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const r = await ctx.map(
          "m",
          ["fast", "slow"],
          async (c, item) =>
            c.step(`work-${item}`, async () => {
              if (item === "slow") {
                await new Promise((resolve) => setTimeout(resolve, 30));
                slowBodyFinished = true;
              }
              return item;
            }),
          { completionConfig: { minSuccessful: 1 } },
        );
        await ctx.wait({ seconds: 1 }); // give the slow body time to finish before the execution ends
        return summary(r);
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual({
      reason: "MIN_SUCCESSFUL_REACHED",
      status: "SUCCEEDED",
      items: [
        [0, "SUCCEEDED", "fast"],
        [1, "STARTED", null],
      ],
    });
    expect(slowBodyFinished).toBe(true);
    expect(result.getOperation("work-slow").getStatus()).toBe("STARTED");
    expect(result.getOperation("map-item-1").getStatus()).toBe("STARTED");
  });

  it("minSuccessful completes early and never starts the rest (maxConcurrency 1)", async () => {
    const started: number[] = [];
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        const r = await ctx.map(
          "m",
          [0, 1, 2, 3],
          async (c, item) => {
            started.push(item);
            return c.step(async () => item);
          },
          { maxConcurrency: 1, completionConfig: { minSuccessful: 2 } },
        );
        return summary(r);
      }),
    ).run();
    expect(result.getResult()).toEqual({
      reason: "MIN_SUCCESSFUL_REACHED",
      status: "SUCCEEDED",
      items: [
        [0, "SUCCEEDED", 0],
        [1, "SUCCEEDED", 1],
      ],
    });
    expect(started).toEqual([0, 1]);
  });

  it("maxConcurrency bounds items in flight; a suspended item keeps its slot", async () => {
    let inFlight = 0;
    let peak = 0;
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const r = await ctx.map(
          "m",
          [1, 2, 3, 4, 5],
          async (c, item) => {
            return c.step(async () => {
              inFlight++;
              peak = Math.max(peak, inFlight);
              await new Promise((resolve) => setTimeout(resolve, 5));
              inFlight--;
              return item;
            });
          },
          { maxConcurrency: 2 },
        );
        const waits = await ctx.map("w", [10, 20, 30], async (c, s) => c.wait({ seconds: s }).then(() => s), { maxConcurrency: 2 });
        return [r.getResults(), waits.getResults()];
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual([
      [1, 2, 3, 4, 5],
      [10, 20, 30],
    ]);
    expect(peak).toBe(2);
    // Waits 10 and 20 run together; 30 starts when 10 ends: done at 40 s.
    expect(runner.clock.nowMs() - START_MS).toBe(40_000);
  });

  it("a batch result over the inline limit is stored as a summary with ReplayChildren and rebuilt identically", async () => {
    const live: unknown[] = [];
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const r = await ctx.map(
          "big",
          [0, 1, 2, 3],
          async (c, item) => {
            if (item === 3) throw new Error("no");
            return c.step(async () => "x".repeat(100_000));
          },
          { completionConfig: { toleratedFailureCount: 1 } },
        );
        const view = { reason: r.completionReason, lengths: r.all.map((i) => [i.status, (i.result as string | undefined)?.length ?? null, i.error?.message ?? null]) };
        live.push(view);
        await ctx.wait({ seconds: 1 });
        return view;
      }),
    );
    const result = await runner.run();
    const stored = result.getOperation("big").getOperationData();
    expect(stored.ContextDetails?.ReplayChildren).toBe(true);
    expect(JSON.parse(stored.ContextDetails?.Result ?? "")).toMatchObject({ reason: "ALL_COMPLETED" });
    expect(live[0]).toEqual(live[1]);
    expect(result.getResult()).toEqual(live[0]);
  });

  it("rejects bad completion configs and maxConcurrency with a terminal ConfigError naming the field", async () => {
    for (const config of [{ completionConfig: { minSuccessful: 0 } }, { completionConfig: { toleratedFailurePercentage: 150 } }, { maxConcurrency: 0 }]) {
      const result = await runnerFor(durable(async (_e, ctx) => ctx.map([1], async () => 1, config as never))).run();
      expect(result.getStatus()).toBe("FAILED");
      expect(result.getError().errorType).toBe("ConfigError");
      expect(result.getError().errorMessage).toMatch(/map\.(completionConfig|maxConcurrency)/);
    }
  });
});

describe("parallel", () => {
  it("names branches, runs them concurrently and keeps results in branch order", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const r = await ctx.parallel("fan-out", [
          { name: "slow", func: async (c) => c.wait({ seconds: 30 }).then(() => "slow") },
          async (c) => c.step(async () => "fast"),
        ]);
        return r.getResults();
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual(["slow", "fast"]);
    expect(result.getOperation("fan-out").getSubType()).toBe("Parallel");
    expect(
      result
        .getOperation("fan-out")
        .getChildOperations()
        .map((op) => [op.getName(), op.getSubType()]),
    ).toEqual([
      ["slow", "ParallelBranch"],
      ["parallel-branch-1", "ParallelBranch"],
    ]);
    expect(runner.clock.nowMs() - START_MS).toBe(30_000);
  });

  it("registers every branch's wait before suspending once (aws-js #208)", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        await ctx.parallel([async (c) => c.wait({ seconds: 5 }), async (c) => c.wait({ seconds: 7 }), async (c) => c.wait({ seconds: 9 })]);
        return "done";
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe("done");
    const waits = result.getOperations().filter((op) => op.getType() === "WAIT");
    expect(waits.map((op) => op.getStartTimestamp()?.getTime())).toEqual([START_MS, START_MS, START_MS]);
    // One suspension with all three registered, then one re-invocation per wait end.
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "PENDING", "PENDING", "SUCCEEDED"]);
    expect(runner.clock.nowMs() - START_MS).toBe(9_000);
  });
});
