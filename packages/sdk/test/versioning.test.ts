import { describe, expect, it } from "vitest";
import type { DurableContext } from "@durable-ts/sdk";
import { durable, runnerFor } from "./support.js";

/** Runs `before` on the first invocation (which suspends on a wait), `after` on later ones: a deploy mid-execution. */
function deployedMidway(before: (ctx: DurableContext) => Promise<unknown>, after: (ctx: DurableContext) => Promise<unknown>) {
  let invocations = 0;
  return durable(async (_e, ctx) => (invocations++ === 0 ? before(ctx) : after(ctx)));
}

const oldCode = async (ctx: DurableContext) => {
  await ctx.step("charge", async () => "charged");
  await ctx.wait("settle", { minutes: 5 });
  return ctx.step("ship", async () => "shipped the old way");
};

/** New code: a fraud check inserted after the charge, behind a patch. */
const newCode = async (ctx: DurableContext) => {
  await ctx.step("charge", async () => "charged");
  const checked = ctx.patched("fraud-check");
  if (checked) await ctx.step("fraud-check", async () => "ok");
  await ctx.wait("settle", { minutes: 5 });
  return ctx.step("ship", async () => (checked ? "shipped after fraud check" : "shipped the old way"));
};

describe("versioning with patched() / deprecatePatch()", () => {
  it("an execution started on old code and resumed on new code keeps the old branch", async () => {
    const result = await runnerFor(deployedMidway(oldCode, newCode)).run();
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toBe("shipped the old way");
    expect(result.getOperations().map((op) => op.getName())).toEqual(["charge", "settle", "ship"]);
  });

  it("a new execution takes the new branch and records a marker STEP Patch, named after the patch, outside the positions", async () => {
    const result = await runnerFor(durable(async (_e, ctx) => newCode(ctx))).run();
    expect(result.getResult()).toBe("shipped after fraud check");
    const marker = result.getOperations().find((op) => op.getSubType() === "Patch");
    expect(marker?.getName()).toBe("fraud-check");
    expect(marker?.getParentId()).toBeUndefined();
    expect(
      result
        .getOperations()
        .filter((op) => op.getSubType() !== "Patch")
        .map((op) => op.getName()),
    ).toEqual(["charge", "fraud-check", "settle", "ship"]);
  });

  it("an execution that passed the patch point on new code keeps the new branch after another deploy", async () => {
    const result = await runnerFor(deployedMidway(newCode, newCode)).run();
    expect(result.getResult()).toBe("shipped after fraud check");
  });

  it("deprecatePatch fails an execution that predates the patch with NonDeterministicExecutionError naming it", async () => {
    const cleanedUp = async (ctx: DurableContext) => {
      await ctx.step("charge", async () => "charged");
      ctx.deprecatePatch("fraud-check");
      await ctx.step("fraud-check", async () => "ok");
      await ctx.wait("settle", { minutes: 5 });
      return ctx.step("ship", async () => "shipped after fraud check");
    };
    const old = await runnerFor(deployedMidway(oldCode, cleanedUp)).run();
    expect(old.getStatus()).toBe("FAILED");
    expect(old.getError().errorType).toBe("NonDeterministicExecutionError");
    expect(old.getError().errorMessage).toContain('Patch "fraud-check"');

    const patchedBefore = await runnerFor(deployedMidway(newCode, cleanedUp)).run();
    expect(patchedBefore.getResult()).toBe("shipped after fraud check");
  });

  it("a patch id that is not 1-256 printable characters is a ConfigError naming it", async () => {
    const result = await runnerFor(durable(async (_e, ctx) => ctx.patched(""))).run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({ errorType: "ConfigError" });
    expect(result.getError().errorMessage).toContain("Invalid patch id");
  });
});
