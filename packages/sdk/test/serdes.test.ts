import { describe, expect, it } from "vitest";
import { type Serdes } from "@durable-ts/sdk";
import { durable, runnerFor } from "./support.js";

/** An async serdes that offloads values to an external store and checkpoints only a reference. */
function offloadingSerdes(store: Map<string, unknown>): Serdes<unknown> {
  return {
    async serialize(value, context) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const key = `ref:${context.operationId}`;
      store.set(key, structuredClone(value));
      return JSON.stringify({ key });
    },
    async deserialize(data) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return data === undefined ? undefined : structuredClone(store.get(JSON.parse(data).key));
    },
  };
}

describe("custom serdes", () => {
  it("a per-operation async serdes decides what is checkpointed and what replay returns", async () => {
    const store = new Map<string, unknown>();
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        const big = await ctx.step("big", async () => ({ rows: [1, 2, 3] }), { serdes: offloadingSerdes(store) as Serdes<{ rows: number[] }> });
        await ctx.wait({ seconds: 1 });
        return big.rows.length;
      }),
    ).run();
    expect(result.getResult()).toBe(3);
    const id = result.getOperation("big").getId();
    expect(result.getOperation("big").getOperationData().StepDetails?.Result).toBe(JSON.stringify({ key: `ref:${id}` }));
    expect(store.get(`ref:${id}`)).toEqual({ rows: [1, 2, 3] });
  });

  it("configureSerdes replaces the default for the context's later operations and its children", async () => {
    const store = new Map<string, unknown>();
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        ctx.configureSerdes({ defaultSerdes: offloadingSerdes(store) });
        const a = await ctx.step("a", async () => "A");
        const b = await ctx.runInChildContext("child", async (child) => child.step("b", async () => "B"));
        return a + b;
      }),
    ).run();
    expect(result.getResult()).toBe("AB");
    expect(store.size).toBe(3); // a, b and the child's result
  });

  it("a serializer that throws ends the execution FAILED with a SerdesError naming the operation", async () => {
    const broken: Serdes<unknown> = {
      serialize: async () => {
        throw new Error("cannot encode");
      },
      deserialize: async () => undefined,
    };
    const result = await runnerFor(durable(async (_e, ctx) => ctx.step("encode-me", async () => 1, { serdes: broken }))).run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError().errorType).toBe("SerdesError");
    expect(result.getError().errorMessage).toContain("encode-me");
    expect(result.getInvocations()).toHaveLength(1);
  });
});
