// docs/operations/callback.md: an expense approval that waits for a human answer through
// context.createCallback, with a timeout.
import { CallbackTimeoutError, durableExecution, type Deserializer } from "@durable-ts/sdk";

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface ApprovalRequest {
  requestId: string;
  amount: number;
}

export interface Decision {
  approved: boolean;
  approver: string;
}

/** Stands in for an email or chat message that carries the callback id to the approver. */
export const outbox: { requestId: string; callbackId: string }[] = [];

/** The approver sends JSON; the default would hand over the raw string. */
const decisionJson: Deserializer<Decision> = {
  deserialize: async (data) => (data === undefined ? undefined : (JSON.parse(data) as Decision)),
};

export const handler = durableExecution(
  async (event: ApprovalRequest, context) => {
    // START is acknowledged before the id is returned, so the id is valid once we have it.
    const [decision, callbackId] = await context.createCallback("approval", { timeout: { hours: 12 }, serdes: decisionJson });

    await context.step("request-approval", async () => {
      outbox.push({ requestId: event.requestId, callbackId });
    });

    try {
      // Suspends until the approver answers (or the timeout passes).
      const { approved, approver } = await decision;
      return { requestId: event.requestId, status: approved ? "approved" : "rejected", approver };
    } catch (error) {
      if (error instanceof CallbackTimeoutError) return { requestId: event.requestId, status: "expired" };
      throw error; // CallbackExternalError: the approval tool reported a failure
    }
  },
  { logger: silentLogger },
);
