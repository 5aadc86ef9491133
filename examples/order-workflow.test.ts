import { describe, expect, it } from "vitest";
import { LocalDurableTestRunner } from "@durable-ts/testing";
import { bodyRuns, handler } from "./order-workflow.js";

const startTime = new Date("2026-01-01T00:00:00Z");

describe("examples/order-workflow", () => {
  it("prices, charges after two retries, waits 30 minutes and ships", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const result = await runner.run({
      payload: {
        orderId: "42",
        items: [
          { sku: "tea", quantity: 3, price: 4.5 },
          { sku: "cup", quantity: 2, price: 12 },
        ],
      },
    });

    expect(result.getResult()).toEqual({
      orderId: "42",
      total: 45,
      paymentId: "pay-42",
      chargedAt: "2026-01-01T00:00:00.000Z",
      trackingId: "track-42",
    });
    // Retries after 10 s and 20 s, then the 30-minute cool-down.
    expect(runner.clock.nowMs() - startTime.getTime()).toBe(30_000 + 30 * 60_000);
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "PENDING", "PENDING", "SUCCEEDED"]);
    expect(result.getOperation("charge-card").getStepDetails().attempt).toBe(3);
    // Replay never re-ran a completed step body.
    expect(bodyRuns).toEqual({ subtotal: 1, tax: 1, "charge-card": 3, ship: 1 });
  });
});
