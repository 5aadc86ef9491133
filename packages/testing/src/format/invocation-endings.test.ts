import { durableExecution } from "@durable-ts/sdk";
import { describe, expect, it } from "vitest";
import { LocalDurableTestRunner } from "../runners/index.js";
import { invocationEndings } from "./invocation-endings.js";

const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} } as never;

describe("invocationEndings", () => {
  it("says why each invocation ended: a retry delay, a wait with its wake-up time, a callback, then success", async () => {
    let attempts = 0;
    const runner = new LocalDurableTestRunner({
      handlerFunction: durableExecution(
        async (_event, ctx) => {
          await ctx.step(
            "charge",
            async () => {
              if (++attempts < 2) throw new Error("card declined");
              return "ok";
            },
            { retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 30 } }) },
          );
          await ctx.wait("cool-off", { minutes: 5 });
          return ctx.waitForCallback("approval", async () => undefined);
        },
        { logger: quiet },
      ),
      callbacks: { approval: { success: '"yes"' } },
    });
    const result = await runner.run();
    expect(result.getStatus()).toBe("SUCCEEDED");
    const endings = invocationEndings(result.getHistoryEvents());
    expect(endings.map((e) => e.outcome)).toEqual(["suspended", "suspended", "suspended", "succeeded"]);
    expect(endings[0]!.reason).toBe('suspended: retry of step "charge" in 30s (attempt 1 failed)');
    expect(endings[1]!.reason).toMatch(/^suspended: wait "cool-off" until \d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(endings[2]!.reason).toBe('suspended: callback "approval"');
    expect(endings[3]!.reason).toBe("succeeded");
    for (const ending of endings) expect(ending.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("reports a thrown invocation and a failed execution with its error", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: durableExecution(
        async () => {
          throw new TypeError("bad input");
        },
        { logger: quiet },
      ),
    });
    const result = await runner.run();
    const endings = invocationEndings(result.getHistoryEvents());
    expect(endings.at(-1)).toMatchObject({ outcome: "failed", reason: "failed: TypeError: bad input" });
  });
});
