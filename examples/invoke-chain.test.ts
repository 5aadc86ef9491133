import { describe, expect, it } from "vitest";
import { LocalDurableTestRunner } from "@durable-ts/testing";
import { fraudCheckHandler, handler, taxService } from "./invoke-chain.js";

const startTime = new Date("2026-01-01T00:00:00Z");

function runnerWithTargets(): LocalDurableTestRunner {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
  runner.registerDurableFunction("fraud-check", fraudCheckHandler);
  runner.registerFunction("tax-service", taxService);
  return runner; // "order-notifier" is deliberately not registered
}

describe("examples/invoke-chain", () => {
  it("chains a durable and a plain function; an unknown function fails only its invoke", async () => {
    const runner = runnerWithTargets();
    const result = await runner.run({ payload: { orderId: "o-1", amount: 100 } });

    expect(result.getResult()).toEqual({ orderId: "o-1", status: "accepted", total: 120, notified: false });
    // The child execution's 30 s wait is the only time that passed.
    expect(runner.clock.nowMs() - startTime.getTime()).toBe(30_000);

    const fraud = result.getOperation("check-fraud");
    expect([fraud.getType(), fraud.getSubType(), fraud.getStatus()]).toEqual(["CHAINED_INVOKE", "ChainedInvoke", "SUCCEEDED"]);
    expect(fraud.getChainedInvokeDetails().result).toEqual({ orderId: "o-1", risk: "low" });
    expect(result.getOperation("compute-tax").getChainedInvokeDetails().result).toEqual({ tax: 20 });

    const notify = result.getOperation("notify");
    expect(notify.getStatus()).toBe("FAILED");
    expect(notify.getChainedInvokeDetails().error).toMatchObject({
      errorType: "ResourceNotFoundException",
      errorMessage: "Function not found: order-notifier",
    });
    expect(result.getInvocations()[0]?.status).toBe("PENDING");
  });

  it("stops after the fraud check for a high-risk order", async () => {
    const runner = runnerWithTargets();
    const result = await runner.run({ payload: { orderId: "o-2", amount: 5000 } });
    expect(result.getResult()).toEqual({ orderId: "o-2", status: "held-for-review" });
    expect(result.getOperation("compute-tax").exists()).toBe(false);
  });
});
