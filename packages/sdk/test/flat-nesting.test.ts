import { describe, expect, it } from "vitest";
import { hashOperationId, NestingType, type DurableContext } from "@durable-ts/sdk";
import { durable, runnerFor } from "./support.js";

type Nesting = NestingType | undefined;

/** A map of `n` items, each one step, then a step after it. */
function mapHandler(n: number, nesting: Nesting) {
  return durable(async (_e, ctx) => {
    const result = await ctx.map(
      "items",
      Array.from({ length: n }, (_, i) => i),
      (c, item) => c.step("double", async () => item * 2),
      { nesting },
    );
    await ctx.step("after", async () => 0);
    return result.getResults();
  });
}

async function run(handler: ReturnType<typeof durable>) {
  const runner = runnerFor(handler);
  const result = await runner.run();
  const [arn] = runner.backend.listExecutionArns();
  return { result, updates: runner.backend.checkpointedUpdates(arn as string), operations: runner.backend.getOperations(arn as string) };
}

describe("NestingType.FLAT for map and parallel", () => {
  it("writes no CONTEXT per item: the items' operations sit under the map with the ids NESTED gives them", async () => {
    const { result, updates, operations } = await run(mapHandler(3, NestingType.FLAT));
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toEqual([0, 2, 4]);
    expect(operations.filter((op) => op.SubType === "MapIteration")).toEqual([]);
    const map = hashOperationId("1");
    const steps = operations.filter((op) => op.Name === "double");
    // Item i's first operation is raw "1-<i+1>-1" (as under NESTED), its parent the map itself.
    expect(steps.map((op) => op.Id).sort()).toEqual(["1-1-1", "1-2-1", "1-3-1"].map(hashOperationId).sort());
    expect(steps.every((op) => op.ParentId === map)).toBe(true);
    expect(updates.map((u) => `${u.Type}:${u.SubType}:${u.Action}`)).toEqual([
      "CONTEXT:Map:START",
      ...Array(3).fill("STEP:Step:START"),
      ...Array(3).fill("STEP:Step:SUCCEED"),
      "CONTEXT:Map:SUCCEED",
      "STEP:Step:START",
      "STEP:Step:SUCCEED",
    ]);
  });

  it("costs 2 updates per one-step item where NESTED costs 4 (100 items: 204 against 404 updates)", async () => {
    const flat = await run(mapHandler(100, NestingType.FLAT));
    const nested = await run(mapHandler(100, undefined));
    expect(flat.result.getResult()).toEqual(nested.result.getResult());
    expect(flat.updates).toHaveLength(2 + 2 * 100 + 2);
    expect(nested.updates).toHaveLength(2 + 4 * 100 + 2);
  });

  it("replays an unfinished FLAT map over its items' recorded operations: no step body runs twice, same result as NESTED", async () => {
    const runs = new Map<string, number>();
    const handler = (nesting: Nesting) =>
      durable(async (_e, ctx) => {
        const r = await ctx.map(
          "m",
          [5, 1, 3],
          async (c: DurableContext, seconds, i) => {
            const before = await c.step(`before-${i}`, async () => (runs.set(`${nesting}-b${i}`, (runs.get(`${nesting}-b${i}`) ?? 0) + 1), i));
            await c.wait({ seconds });
            if (i === 1) throw new Error("item 1 fails");
            return before + (await c.step(`after-${i}`, async () => (runs.set(`${nesting}-a${i}`, (runs.get(`${nesting}-a${i}`) ?? 0) + 1), 10)));
          },
          { nesting, maxConcurrency: 2, completionConfig: { toleratedFailureCount: 1 } },
        );
        return { reason: r.completionReason, all: r.all.map((item) => [item.index, item.status, item.result ?? item.error?.message]) };
      });
    const flat = await run(handler(NestingType.FLAT));
    const nested = await run(handler(undefined));
    expect(flat.result.getStatus()).toBe("SUCCEEDED");
    expect(flat.result.getInvocations().length).toBeGreaterThan(1);
    expect(flat.result.getResult()).toEqual(nested.result.getResult());
    expect([...runs.entries()].filter(([key, count]) => key.startsWith("FLAT") && count !== 1)).toEqual([]);
  });

  /*
   * Regression: a FLAT item leaves no record, so on replay items used to settle in the order their
   * replay completed. Item 1 failed in the first invocation; item 0 finished after its wait in the
   * second, where both replay and item 0's (shorter) replay completed first: minSuccessful was met
   * with item 1 reported STARTED. They now settle in the order they first finished, as under NESTED
   * (item 2 still waits when the batch completes).
   */
  it("replayed FLAT items settle in the order they first finished: the BatchResult equals NESTED's", async () => {
    const handler = (nesting: Nesting) =>
      durable(async (_e, ctx) => {
        const r = await ctx.map(
          "m",
          [0, 1, 2],
          async (c: DurableContext, item) => {
            if (item !== 1) return (await c.wait({ seconds: item === 0 ? 10 : 100 }), "waited");
            for (const name of ["a", "b", "c"]) await c.step(name, async () => name);
            return c.step(
              "fails",
              async () => {
                throw new Error("item 1 fails");
              },
              { retryStrategy: () => ({ shouldRetry: false }) },
            );
          },
          { nesting, completionConfig: { minSuccessful: 1 } },
        );
        return { reason: r.completionReason, all: r.all.map((item) => [item.index, item.status]) };
      });
    const nested = await run(handler(undefined));
    const flat = await run(handler(NestingType.FLAT));
    expect(nested.result.getResult()).toEqual({
      reason: "MIN_SUCCESSFUL_REACHED",
      all: [
        [0, "SUCCEEDED"],
        [1, "FAILED"],
        [2, "STARTED"],
      ],
    });
    expect(flat.result.getInvocations().length).toBe(2);
    expect(flat.result.getResult()).toEqual(nested.result.getResult());
  });

  it("runs FLAT parallel branches with their names kept in the result and no CONTEXT per branch", async () => {
    const { result, operations } = await run(
      durable(async (_e, ctx) => {
        const r = await ctx.parallel("p", [{ name: "a", func: (c) => c.step(async () => 1) }, async (c) => (await c.wait({ seconds: 2 }), 2)], {
          nesting: NestingType.FLAT,
        });
        return r.all.map((item) => [item.name, item.result]);
      }),
    );
    expect(result.getResult()).toEqual([
      ["a", 1],
      ["parallel-branch-1", 2],
    ]);
    expect(operations.filter((op) => op.SubType === "ParallelBranch")).toEqual([]);
    expect(operations.find((op) => op.Type === "WAIT")?.Id).toBe(hashOperationId("1-2-1"));
  });

  it("rejects a nesting other than NESTED or FLAT with ConfigError naming the field", async () => {
    const { result } = await run(durable(async (_e, ctx) => ctx.map([1], async () => 1, { nesting: "DEEP" as never })));
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError().errorMessage).toContain("map.nesting");
  });
});
