import { durableExecution, createRetryStrategy, JitterStrategy } from "@durable-ts/sdk";

/** Counts how often each step body really ran, across all invocations (to show replay skipping them). */
export const bodyRuns: Record<string, number> = {};
const ran = (name: string) => (bodyRuns[name] = (bodyRuns[name] ?? 0) + 1);

interface OrderEvent {
  orderId: string;
  items: { sku: string; quantity: number; price: number }[];
}

/**
 * An order workflow: price the order in a child context, charge the card (the payment provider
 * fails twice, retried with backoff), wait for the warehouse cool-down, then ship.
 */
export const handler = durableExecution(
  async (event: OrderEvent, context) => {
    const total = await context.runInChildContext("price", async (child) => {
      const subtotal = await child.step("subtotal", async () => {
        ran("subtotal");
        return event.items.reduce((sum, item) => sum + item.quantity * item.price, 0);
      });
      const tax = await child.step("tax", async () => {
        ran("tax");
        return Math.round(subtotal * 0.2 * 100) / 100;
      });
      return subtotal + tax;
    });

    const payment = await context.step(
      "charge-card",
      async ({ attempt }) => {
        ran("charge-card");
        if (attempt < 3) throw new Error(`payment provider unavailable (attempt ${attempt})`);
        return { paymentId: `pay-${event.orderId}`, amount: total, chargedAt: new Date("2026-01-01T00:00:00Z") };
      },
      { retryStrategy: createRetryStrategy({ maxAttempts: 5, initialDelay: { seconds: 10 }, jitter: JitterStrategy.NONE }) },
    );

    await context.wait("warehouse-cool-down", { minutes: 30 });

    const shipment = await context.step("ship", async () => {
      ran("ship");
      return { trackingId: `track-${event.orderId}` };
    });
    return { orderId: event.orderId, total, paymentId: payment.paymentId, chargedAt: payment.chargedAt.toISOString(), ...shipment };
  },
  { logger: { debug() {}, info() {}, warn() {}, error() {} } },
);
