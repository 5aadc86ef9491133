import { describe, expect, it } from "vitest";
import { durable, runnerFor, START_MS } from "./support.js";

describe("wait", () => {
  it("suspends with PENDING and resumes once the virtual clock reaches the end", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        await ctx.wait("nap", { hours: 1, minutes: 30, seconds: 5 });
        return "awake";
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe("awake");
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "SUCCEEDED"]);
    expect(runner.clock.nowMs() - START_MS).toBe(5_405_000);
    const wait = result.getOperation("nap");
    expect(wait.getType()).toBe("WAIT");
    expect(wait.getSubType()).toBe("Wait");
    expect(wait.getStatus()).toBe("SUCCEEDED");
    expect(wait.getWaitDetails().waitSeconds).toBe(5_405);
  });

  it("registers sibling waits started together before suspending once", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        await Promise.all([ctx.wait("short", { seconds: 10 }), ctx.wait("long", { seconds: 20 })]);
        return "both";
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe("both");
    const first = result.getInvocations()[0];
    expect(first?.status).toBe("PENDING");
    expect(result.getOperation("short").getStartTimestamp()?.getTime()).toBe(START_MS);
    expect(result.getOperation("long").getStartTimestamp()?.getTime()).toBe(START_MS);
    expect(runner.clock.nowMs() - START_MS).toBe(20_000);
  });

  it("rounds fractional seconds up to whole seconds", async () => {
    const runner = runnerFor(durable(async (_e, ctx) => ctx.wait({ seconds: 1.2 })));
    const result = await runner.run();
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(runner.clock.nowMs() - START_MS).toBe(2_000);
  });

  it.each([
    ["zero", { seconds: 0 }],
    ["negative", { seconds: -5 }],
    ["NaN", { seconds: Number.NaN }],
    ["over 366 days", { days: 367 }],
    ["not a duration", { weeks: 1 }],
  ])("a %s duration ends the execution FAILED with ConfigError INVALID_DURATION before any checkpoint", async (_label, duration) => {
    const runner = runnerFor(durable(async (_e, ctx) => ctx.wait("bad", duration as never)));
    const result = await runner.run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError().errorType).toBe("ConfigError");
    expect(result.getError().errorMessage).toMatch(/duration/i);
    expect(result.getOperations()).toHaveLength(0);
  });
});
