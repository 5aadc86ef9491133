import { exploreInterruptions, LocalDurableTestRunner } from "@durable-ts/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { handler, type OrderEvent } from "../src/order-workflow.js";
import { payments } from "../src/payments.js";

const small: OrderEvent = { orderId: "o-1", items: [{ sku: "tea", quantity: 2, price: 4.5 }] };
const large: OrderEvent = { orderId: "o-2", items: [{ sku: "desk", quantity: 1, price: 250 }] };

beforeEach(() => {
  payments.declinesLeft = 0;
});

describe("order workflow", () => {
  it("charges, waits for the shipping window and ships, skipping the wait's 30 minutes", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run({ payload: small });
    expect(result.getResult()).toEqual({ status: "SHIPPED", orderId: "o-1", total: 9, paymentId: "pay-o-1-9" });
    expect(result.getOperation("shipping-window").getWaitDetails().waitSeconds).toBe(1800);
  });

  it("waits for approval of a large order, answered by a callback responder", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: handler,
      callbacks: { approval: { success: JSON.stringify({ approved: true }), after: { hours: 2 } } },
    });
    const result = await runner.run({ payload: large });
    expect(result.getResult()).toMatchObject({ status: "SHIPPED", total: 250 });
  });

  it("rejects a large order when the approver says no", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: handler,
      callbacks: { approval: { success: JSON.stringify({ approved: false, reason: "over budget" }) } },
    });
    const result = await runner.run({ payload: large });
    expect(result.getResult()).toEqual({ status: "REJECTED", orderId: "o-2", total: 250, reason: "over budget" });
  });

  it("retries the charge when the payment provider fails", async () => {
    payments.declinesLeft = 2;
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run({ payload: small });
    expect(result.getResult()).toMatchObject({ status: "SHIPPED" });
    expect(result.getOperation("charge").getStepDetails().attempt).toBe(3);
  });

  it("ends the same way wherever an invocation is interrupted", async () => {
    const report = await exploreInterruptions(handler, large, { callbacks: { approval: { success: JSON.stringify({ approved: true }) } } });
    expect(report.failures).toEqual([]);
  });
});
