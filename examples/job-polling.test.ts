import { describe, expect, it } from "vitest";
import { LocalDurableTestRunner } from "@durable-ts/testing";
import { handler } from "./job-polling.js";

const startTime = new Date("2026-01-01T00:00:00Z");
const elapsedMs = (runner: LocalDurableTestRunner) => runner.clock.nowMs() - startTime.getTime();

describe("examples/job-polling", () => {
  it("checks three times (10 s, then 20 s apart) and returns the final state", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const result = await runner.run({ payload: { jobId: "job-1", doneAtCheck: 3 } });

    expect(result.getResult()).toEqual({ jobId: "job-1", status: "exported", checks: 3 });
    expect(elapsedMs(runner)).toBe(30_000);
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "PENDING", "SUCCEEDED"]);

    const poll = result.getOperation("wait-for-export");
    expect([poll.getType(), poll.getSubType(), poll.getStatus()]).toEqual(["STEP", "WaitForCondition", "SUCCEEDED"]);
    expect(poll.getStepDetails().result).toEqual({ jobId: "job-1", checks: 3, status: "DONE" });
    expect(poll.getStepDetails().attempt).toBe(3);
  });

  it("fails with WaitForConditionError once maxAttempts checks found it still running", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const result = await runner.run({ payload: { jobId: "job-2", doneAtCheck: 99 } });

    expect(result.getResult()).toEqual({
      jobId: "job-2",
      status: "gave-up",
      reason: "waitForCondition gave up: all 5 attempts exhausted and the condition still asks to keep polling",
    });
    expect(elapsedMs(runner)).toBe(150_000); // 10 + 20 + 40 + 80 s between the five checks
    expect(result.getOperation("wait-for-export").getStatus()).toBe("FAILED");
  });
});
