import { describe, expect, it } from "vitest";
import { LocalDurableTestRunner, WaitingOperationStatus } from "@durable-ts/testing";
import { handler, paymentQueue } from "./payment-wait-for-callback.js";

const startTime = new Date("2026-01-01T00:00:00Z");
const elapsedMs = (runner: LocalDurableTestRunner) => runner.clock.nowMs() - startTime.getTime();

describe("examples/payment-wait-for-callback", () => {
  it("retries the submitter, then returns the processor's receipt", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const running = runner.run({ payload: { orderId: "o-1", amount: 42, queueDownAttempts: 1 } });

    // SUBMITTED: the submitter step has succeeded, so the message is on the queue.
    const payment = await runner.getOperation("payment").waitForData(WaitingOperationStatus.SUBMITTED);
    expect(paymentQueue.find((m) => m.orderId === "o-1")?.callbackId).toBe(payment.getCallbackDetails().callbackId);
    await payment.sendCallbackHeartbeat();
    await payment.sendCallbackSuccess(JSON.stringify({ paymentId: "pay-77" }));

    const result = await running;
    expect(result.getResult()).toEqual({ orderId: "o-1", status: "paid", paymentId: "pay-77" });
    expect(elapsedMs(runner)).toBe(5_000); // one submitter retry after 5 s

    const context = result.getOperation("payment");
    expect([context.getType(), context.getSubType()]).toEqual(["CONTEXT", "WaitForCallback"]);
    expect(context.getChildOperations().map((op) => [op.getType(), op.getSubType(), op.getStatus()])).toEqual([
      ["CALLBACK", "Callback", "SUCCEEDED"],
      ["STEP", "Step", "SUCCEEDED"],
    ]);
    expect(context.getChildOperations()[1]?.getStepDetails().attempt).toBe(2);
  });

  it("gives up with CallbackSubmitterError when the queue stays down", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const result = await runner.run({ payload: { orderId: "o-2", amount: 42, queueDownAttempts: 9 } });

    expect(result.getResult()).toEqual({ orderId: "o-2", status: "not-sent", reason: "queue unavailable (attempt 3)" });
    expect(elapsedMs(runner)).toBe(15_000); // retries after 5 s and 10 s
    expect(result.getOperation("payment").getStatus()).toBe("FAILED");
  });

  it("times out at the heartbeat window when the processor goes silent", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const result = await runner.run({ payload: { orderId: "o-3", amount: 42 } });

    expect(result.getResult()).toMatchObject({ orderId: "o-3", status: "no-answer" });
    expect(elapsedMs(runner)).toBe(10 * 60_000);
  });
});
