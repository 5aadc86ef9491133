import { describe, expect, it } from "vitest";
import { LocalDurableTestRunner, WaitingOperationStatus } from "@durable-ts/testing";
import { handler } from "./reply-or-timeout.js";

const startTime = new Date("2026-01-01T00:00:00Z");
const elapsedMs = (runner: LocalDurableTestRunner) => runner.clock.nowMs() - startTime.getTime();

describe("examples/reply-or-timeout", () => {
  it("takes the customer's reply when it comes first", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const running = runner.run({ payload: { ticketId: "t-1" } });

    const reply = await runner.getOperation("customer-reply").waitForData(WaitingOperationStatus.SUBMITTED);
    await reply.sendCallbackSuccess("It works again, thanks!");

    const result = await running;
    expect(result.getResult()).toEqual({
      context: "3 earlier tickets, premium",
      outcome: { kind: "reply", text: "It works again, thanks!" },
      notices: ["chat sent", "sms sent"],
    });
    expect(elapsedMs(runner)).toBe(0);

    // Each combinator is one CONTEXT, recorded with SubType RunInChildContext.
    const race = result.getOperation("reply-or-timeout");
    expect([race.getType(), race.getSubType(), race.getStatus()]).toEqual(["CONTEXT", "RunInChildContext", "SUCCEEDED"]);
    expect(race.getContextDetails().result).toEqual({ kind: "reply", text: "It works again, thanks!" });
  });

  it("gives up after two hours of silence and keeps the SMS failure as a settled reason", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const result = await runner.run({ payload: { ticketId: "t-2", smsDown: true } });

    expect(result.getResult()).toEqual({
      context: "3 earlier tickets, premium",
      outcome: { kind: "timeout" },
      notices: ["chat sent", "StepError: SMS gateway unavailable"],
    });
    expect(elapsedMs(runner)).toBe(2 * 3600_000);
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "SUCCEEDED"]);
    // The losing callback is left open; the execution still succeeds.
    expect(result.getOperation("customer-reply").getStatus()).toBe("STARTED");
    // Positions: the combinator CONTEXT comes after the steps it combines (taken when first awaited).
    expect(result.getOperations().map((op) => op.getName())).toEqual([
      "load-history",
      "load-plan",
      "load-context",
      "customer-reply",
      "email-customer",
      "give-up",
      "reply-or-timeout",
      "notify-chat",
      "notify-sms",
      "notify-agent",
    ]);
  });
});
