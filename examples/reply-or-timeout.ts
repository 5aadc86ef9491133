// docs/operations/promise-combinators.md: a support ticket that gathers context with promise.all,
// waits for the customer's reply or two hours with promise.race, and notifies two channels with
// promise.allSettled.
import { durableExecution, retryPresets } from "@durable-ts/sdk";

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface Ticket {
  ticketId: string;
  /** For the demo: the SMS gateway rejects messages. */
  smsDown?: boolean;
}

/** Stands in for the email that carries the callback id to the customer. */
export const sentEmails: { ticketId: string; callbackId: string }[] = [];

type Outcome = { kind: "reply"; text: string } | { kind: "timeout" };

export const handler = durableExecution(
  async (event: Ticket, context) => {
    // Operations start when called; promise.all records their combined outcome.
    const [history, plan] = await context.promise.all("load-context", [
      context.step("load-history", async () => "3 earlier tickets"),
      context.step("load-plan", async () => "premium"),
    ]);

    const [reply, callbackId] = await context.createCallback("customer-reply");
    await context.step("email-customer", async () => {
      sentEmails.push({ ticketId: event.ticketId, callbackId });
    });

    // The winner is recorded, so a replay takes the same branch even if the loser has settled since.
    const outcome = await context.promise.race<Outcome>("reply-or-timeout", [
      reply.then((text): Outcome => ({ kind: "reply", text })),
      context.wait("give-up", { hours: 2 }).then((): Outcome => ({ kind: "timeout" })),
    ]);

    const notices = await context.promise.allSettled("notify-agent", [
      context.step("notify-chat", async () => "chat sent"),
      context.step(
        "notify-sms",
        async () => {
          if (event.smsDown) throw new Error("SMS gateway unavailable");
          return "sms sent";
        },
        { retryStrategy: retryPresets.noRetry },
      ),
    ]);

    return {
      context: `${history}, ${plan}`,
      outcome,
      notices: notices.map((n) => (n.status === "fulfilled" ? n.value : `${(n.reason as Error).name}: ${(n.reason as Error).message}`)),
    };
  },
  { logger: silentLogger },
);
