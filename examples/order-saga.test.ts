import { beforeEach, describe, expect, it } from "vitest";
import { exploreInterruptions, LocalDurableTestRunner } from "@durable-ts/testing";
import { handler, services } from "./order-saga.js";

beforeEach(() => {
  services.log.length = 0;
  services.refundFailures = 0;
});

describe("examples/order-saga", () => {
  it("reserves, charges and ships when every step succeeds, compensating nothing", async () => {
    const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: { orderId: "o1", sku: "tea", amount: 12 } });
    expect(result.getResult()).toEqual({ status: "SHIPPED", holdId: "hold-o1", chargeId: "ch-o1", trackingId: "track-o1" });
    expect(services.log).toEqual(["reserve tea for o1", "charge 12 for o1", "ship o1"]);
  });

  it("refunds, then releases, when shipping fails, and reports what it undid", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run({ payload: { orderId: "o2", sku: "cup", amount: 30, carrierDown: true } });
    expect(result.getResult()).toEqual({
      status: "CANCELLED",
      reason: 'Saga failed at step "ship" (carrier unavailable); compensated: charge, reserve',
      compensated: ["charge", "reserve"],
      failedStep: "ship",
    });
    expect(services.log).toEqual(["reserve cup for o2", "charge 30 for o2", "refund ch-o2", "release hold-o2"]);
    expect(result.getOperation("compensate:charge").getStepDetails().result).toBeUndefined();
  });

  it("retries a failing compensation with its own strategy, suspending between attempts", async () => {
    services.refundFailures = 2;
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run({ payload: { orderId: "o3", sku: "pot", amount: 50, carrierDown: true } });
    expect(result.getResult()).toMatchObject({ status: "CANCELLED", compensated: ["charge", "reserve"] });
    expect(result.getOperation("compensate:charge").getStepDetails().attempt).toBe(3);
    // Two retry delays of 2 s: the invocation suspended twice.
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "PENDING", "SUCCEEDED"]);
    expect(services.log).toEqual(["reserve pot for o3", "charge 50 for o3", "refund ch-o3", "release hold-o3"]);
  });

  it("ends the same way wherever an invocation dies, before, during or after the compensations", async () => {
    const payload = { orderId: "o4", sku: "pot", amount: 50, carrierDown: true };
    // The first refund attempt fails, so the compensations span two invocations.
    services.refundFailures = 1;
    const report = await exploreInterruptions(handler, payload, { points: "all" });
    expect(report.baseline).toMatchObject({ status: "SUCCEEDED", result: { status: "CANCELLED", compensated: ["charge", "reserve"] } });
    expect(report.failures).toEqual([]);
    expect(report.runs).toBeGreaterThanOrEqual(10);
  });
});
