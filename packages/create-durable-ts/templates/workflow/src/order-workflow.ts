import { createRetryStrategy, durableExecution, JitterStrategy } from "@durable-ts/sdk";
import { payments } from "./payments.js";

export interface OrderEvent {
  orderId: string;
  items: Array<{ sku: string; quantity: number; price: number }>;
}

export type OrderResult =
  | { status: "SHIPPED"; orderId: string; total: number; paymentId: string }
  | { status: "REJECTED"; orderId: string; total: number; reason: string };

/** Orders above this total wait for a person to approve them. */
export const APPROVAL_THRESHOLD = 100;

const chargeRetry = createRetryStrategy({ maxAttempts: 4, initialDelay: { seconds: 5 }, backoffRate: 2, jitter: JitterStrategy.FULL });

export const handler = durableExecution(async (event: OrderEvent, context) => {
  // Each step runs once; later invocations replay its recorded result.
  const total = await context.step("price", async () => event.items.reduce((sum, i) => sum + i.quantity * i.price, 0));

  if (total > APPROVAL_THRESHOLD) {
    // The execution suspends (no compute billed) until someone answers the callback.
    const decision = await context.waitForCallback<string>(
      "approval",
      async (callbackId, { logger }) => logger.info("approval needed", { orderId: event.orderId, total, callbackId }),
      { timeout: { days: 3 } },
    );
    const { approved, reason } = JSON.parse(decision) as { approved: boolean; reason?: string };
    if (!approved) return { status: "REJECTED", orderId: event.orderId, total, reason: reason ?? "not approved" } satisfies OrderResult;
  }

  const { paymentId } = await context.step("charge", async () => payments.charge(event.orderId, total), { retryStrategy: chargeRetry });

  // Shipping picks up orders in batches: wait for the next one without running.
  await context.wait("shipping-window", { minutes: 30 });

  await context.step("ship", async ({ logger }) => logger.info("shipping", { orderId: event.orderId, paymentId }));
  return { status: "SHIPPED", orderId: event.orderId, total, paymentId } satisfies OrderResult;
});
