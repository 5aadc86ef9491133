// docs/operations/wait-for-callback.md: hand a payment to an external processor through a queue
// and wait for its answer with context.waitForCallback.
import { CallbackSubmitterError, CallbackTimeoutError, createRetryStrategy, durableExecution, JitterStrategy, type Deserializer } from "@durable-ts/sdk";

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface PaymentRequest {
  orderId: string;
  amount: number;
  /** For the demo: the queue rejects this many send attempts before accepting one. */
  queueDownAttempts?: number;
}

export interface Receipt {
  paymentId: string;
}

/** Messages the processor reads; each carries the callback id it must answer. */
export const paymentQueue: { orderId: string; amount: number; callbackId: string }[] = [];

const receiptJson: Deserializer<Receipt> = {
  deserialize: async (data) => (data === undefined ? undefined : (JSON.parse(data) as Receipt)),
};

export const handler = durableExecution(
  async (event: PaymentRequest, context) => {
    try {
      const receipt = await context.waitForCallback(
        "payment",
        // Runs as a step: retried by retryStrategy, never run again once it succeeded.
        async (callbackId, { attempt }) => {
          if (attempt <= (event.queueDownAttempts ?? 0)) throw new Error(`queue unavailable (attempt ${attempt})`);
          paymentQueue.push({ orderId: event.orderId, amount: event.amount, callbackId });
        },
        {
          timeout: { hours: 1 },
          heartbeatTimeout: { minutes: 10 },
          serdes: receiptJson,
          retryStrategy: createRetryStrategy({ maxAttempts: 3, initialDelay: { seconds: 5 }, jitter: JitterStrategy.NONE }),
        },
      );
      return { orderId: event.orderId, status: "paid", paymentId: receipt.paymentId };
    } catch (error) {
      if (error instanceof CallbackSubmitterError) return { orderId: event.orderId, status: "not-sent", reason: error.message };
      if (error instanceof CallbackTimeoutError) return { orderId: event.orderId, status: "no-answer", reason: error.message };
      throw error; // CallbackExternalError: the processor declined
    }
  },
  { logger: silentLogger },
);
