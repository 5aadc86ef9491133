// docs/operations/invoke.md: an order handler that calls a durable fraud check and a plain tax
// function through context.invoke, and tolerates a missing notifier.
import { durableExecution, InvokeError, type LambdaContext } from "@durable-ts/sdk";

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface Order {
  orderId: string;
  amount: number;
}

export interface FraudVerdict {
  orderId: string;
  risk: "low" | "high";
}

/** A durable function of its own: it runs as a child execution when invoked. */
export const fraudCheckHandler = durableExecution(
  async (event: Order, context) => {
    await context.wait("review-window", { seconds: 30 });
    return context.step("score", async (): Promise<FraudVerdict> => ({ orderId: event.orderId, risk: event.amount > 1000 ? "high" : "low" }));
  },
  { logger: silentLogger },
);

/** A plain Lambda handler: invoked once, its return value is the result. */
export async function taxService(event: { amount: number }, _context: LambdaContext): Promise<{ tax: number }> {
  return { tax: Math.round(event.amount * 0.2 * 100) / 100 };
}

export const handler = durableExecution(
  async (event: Order, context) => {
    // A string second argument makes the first one the operation name.
    const verdict = await context.invoke<Order, FraudVerdict>("check-fraud", "fraud-check", event);
    if (verdict.risk === "high") return { orderId: event.orderId, status: "held-for-review" };

    const { tax } = await context.invoke<{ amount: number }, { tax: number }>("compute-tax", "arn:aws:lambda:us-east-1:123456789012:function:tax-service:live", {
      amount: event.amount,
    });

    let notified = true;
    try {
      await context.invoke("notify", "order-notifier", { orderId: event.orderId });
    } catch (error) {
      if (!(error instanceof InvokeError)) throw error;
      notified = false; // error.cause keeps the target's error type, e.g. ResourceNotFoundException
    }
    return { orderId: event.orderId, status: "accepted", total: event.amount + tax, notified };
  },
  { logger: silentLogger },
);
