// An order saga: reserve stock, charge the card, book shipping. When a step fails for good, the
// completed steps are undone in reverse order (refund, then release), each undo a durable step.
import { createRetryStrategy, durableExecution, JitterStrategy } from "@durable-ts/sdk";
import { isSagaError, saga } from "@durable-ts/sdk/saga";

export interface OrderEvent {
  orderId: string;
  sku: string;
  amount: number;
  /** For the demo: the carrier refuses the shipment. */
  carrierDown?: boolean;
}

/** Stand-ins for the inventory, payment and shipping services: they record what was done to them. */
export const services = {
  log: [] as string[],
  reserve: async (orderId: string, sku: string) => {
    services.log.push(`reserve ${sku} for ${orderId}`);
    return { holdId: `hold-${orderId}` };
  },
  release: async (holdId: string) => void services.log.push(`release ${holdId}`),
  charge: async (orderId: string, amount: number) => {
    services.log.push(`charge ${amount} for ${orderId}`);
    return { chargeId: `ch-${orderId}` };
  },
  /** For the demo: how many refund attempts fail (a payment provider hiccup) before one succeeds. */
  refundFailures: 0,
  refund: async (chargeId: string, attempt: number) => {
    if (attempt <= services.refundFailures) throw new Error("payment provider timeout");
    services.log.push(`refund ${chargeId}`);
  },
  ship: async (orderId: string, carrierDown: boolean) => {
    if (carrierDown) throw new Error("carrier unavailable");
    services.log.push(`ship ${orderId}`);
    return { trackingId: `track-${orderId}` };
  },
};

const noRetry = createRetryStrategy({ maxAttempts: 1 });
const compensationRetry = createRetryStrategy({ maxAttempts: 5, initialDelay: { seconds: 2 }, jitter: JitterStrategy.NONE });

export const handler = durableExecution(async (event: OrderEvent, context) => {
  try {
    const shipped = await saga(
      context,
      "place-order",
      async (tx) => {
        const hold = await tx.step("reserve", () => services.reserve(event.orderId, event.sku), {
          compensate: (h) => services.release(h.holdId),
        });
        const charge = await tx.step("charge", () => services.charge(event.orderId, event.amount), {
          compensate: (c, { attempt }) => services.refund(c.chargeId, attempt),
        });
        const shipment = await tx.step("ship", () => services.ship(event.orderId, event.carrierDown === true), { retryStrategy: noRetry });
        return { holdId: hold.holdId, chargeId: charge.chargeId, trackingId: shipment.trackingId };
      },
      { compensationRetryStrategy: compensationRetry },
    );
    return { status: "SHIPPED" as const, ...shipped };
  } catch (error) {
    if (!isSagaError(error)) throw error;
    return { status: "CANCELLED" as const, reason: error.message, compensated: error.compensated, failedStep: error.failedStep };
  }
});
