import { describe, expect, it } from "vitest";
import { LocalDurableTestRunner, WaitingOperationStatus } from "@durable-ts/testing";
import { handler, outbox } from "./approval-callback.js";

const startTime = new Date("2026-01-01T00:00:00Z");
const elapsedMs = (runner: LocalDurableTestRunner) => runner.clock.nowMs() - startTime.getTime();

describe("examples/approval-callback", () => {
  it("returns the approver's decision", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const running = runner.run({ payload: { requestId: "exp-1", amount: 900 } });

    const approval = await runner.getOperation("approval").waitForData(WaitingOperationStatus.SUBMITTED);
    await approval.sendCallbackSuccess(JSON.stringify({ approved: true, approver: "maria" }));

    const result = await running;
    expect(result.getResult()).toEqual({ requestId: "exp-1", status: "approved", approver: "maria" });
    const callback = result.getOperation("approval");
    expect([callback.getType(), callback.getSubType(), callback.getStatus()]).toEqual(["CALLBACK", "Callback", "SUCCEEDED"]);
    expect(outbox.find((m) => m.requestId === "exp-1")?.callbackId).toBe(callback.getCallbackDetails().callbackId);
    expect(elapsedMs(runner)).toBe(0);
  });

  it("expires after 12 hours without an answer (virtual time)", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const result = await runner.run({ payload: { requestId: "exp-2", amount: 50 } });

    expect(result.getResult()).toEqual({ requestId: "exp-2", status: "expired" });
    expect(result.getOperation("approval").getStatus()).toBe("TIMED_OUT");
    expect(elapsedMs(runner)).toBe(12 * 3600_000);
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "SUCCEEDED"]);
  });

  it("fails the execution with CallbackExternalError when the approval tool reports a failure", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const running = runner.run({ payload: { requestId: "exp-3", amount: 10 } });

    const approval = await runner.getOperation("approval").waitForData(WaitingOperationStatus.SUBMITTED);
    await approval.sendCallbackFailure({ ErrorType: "ApproverUnavailable", ErrorMessage: "approver left the company" });

    const result = await running;
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({ errorType: "CallbackExternalError", errorMessage: "approver left the company" });
  });
});
