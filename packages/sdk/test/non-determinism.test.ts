import { describe, expect, it } from "vitest";
import { hashOperationId, type DurableContext } from "@durable-ts/sdk";
import { durable, runnerFor } from "./support.js";

type Version = (ctx: DurableContext) => Promise<unknown>;

/** Runs `before` on the first invocation (which suspends on its wait) and `after` on every later one: a deploy mid-execution. */
function deployedMidway(before: Version, after: Version) {
  let invocations = 0;
  return durable(async (_e, ctx) => (invocations++ === 0 ? before(ctx) : after(ctx)));
}

const original: Version = async (ctx) => {
  await ctx.step("charge-card", async () => "charged");
  await ctx.wait("cool-down", { seconds: 60 });
  await ctx.step("ship", async () => "shipped");
  return "done";
};

describe("non-deterministic replay", () => {
  it.each<[string, Version, RegExp]>([
    [
      "a renamed step",
      async (ctx) => {
        await ctx.step("charge-credit-card", async () => "charged");
        await ctx.wait("cool-down", { seconds: 60 });
        return "done";
      },
      /^Non-deterministic replay at 1 \(id c4ca4238a0b92382\): history has STEP\/Step "charge-card", code called STEP\/Step "charge-credit-card"/,
    ],
    [
      "a retyped operation",
      async (ctx) => {
        await ctx.wait("charge-card", { seconds: 1 });
        return "done";
      },
      /at 1 \(id c4ca4238a0b92382\): history has STEP\/Step "charge-card", code called WAIT\/Wait "charge-card"/,
    ],
    [
      "an inserted operation",
      async (ctx) => {
        await ctx.step("charge-card", async () => "charged");
        await ctx.step("fraud-check", async () => "ok");
        await ctx.wait("cool-down", { seconds: 60 });
        return "done";
      },
      /at 2 \(id c81e728d9d4c2f63\): history has WAIT\/Wait "cool-down", code called STEP\/Step "fraud-check"/,
    ],
    [
      "a removed operation",
      async (ctx) => {
        await ctx.step("charge-card", async () => "charged");
        return "done";
      },
      /at 2 \(id c81e728d9d4c2f63\): history has WAIT\/Wait "cool-down", code ended the context/,
    ],
    [
      "a moved operation inside a child context",
      async (ctx) => {
        await ctx.runInChildContext("charge-card", async (c) => c.step(async () => "charged"));
        return "done";
      },
      /history has STEP\/Step "charge-card", code called CONTEXT\/RunInChildContext "charge-card"/,
    ],
  ])("%s ends the execution FAILED with NonDeterministicExecutionError naming the position", async (_label, changed, message) => {
    const result = await runnerFor(deployedMidway(original, changed)).run();
    expect(result.getStatus()).toBe("FAILED");
    const error = result.getError();
    expect(error.errorType).toBe("NonDeterministicExecutionError");
    expect(error.errorMessage).toMatch(message);
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "FAILED"]);
  });

  it("cannot be swallowed by a try/catch in user code", async () => {
    const result = await runnerFor(
      deployedMidway(original, async (ctx) => {
        try {
          await ctx.step("renamed", async () => "x");
        } catch {
          return "swallowed";
        }
        return "continued";
      }),
    ).run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError().errorType).toBe("NonDeterministicExecutionError");
  });

  it("changes nothing already checkpointed", async () => {
    const runner = runnerFor(deployedMidway(original, async (ctx) => ctx.step("other", async () => 1)));
    const result = await runner.run();
    expect(result.getStatus()).toBe("FAILED");
    const step = result.getOperation("charge-card");
    expect(step.getId()).toBe(hashOperationId("1"));
    expect(step.getStatus()).toBe("SUCCEEDED");
    expect(step.getStepDetails().result).toBe("charged");
    expect(result.getOperations().map((op) => op.getName())).toEqual(["charge-card", "cool-down"]);
  });
});
