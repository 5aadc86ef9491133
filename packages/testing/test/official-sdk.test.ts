/**
 * The local runner is SDK-neutral: it drives a handler written with the official
 * `@aws/durable-execution-sdk-js` through the same in-memory service, virtual clock, responders
 * and step mocks (the official SDK takes step mocks through `stepMockPlugin`).
 */
import { describe, expect, it } from "vitest";
import { withDurableExecution, type DurableContext } from "@aws/durable-execution-sdk-js";
import { LocalDurableTestRunner, type LocalRunnerOptions } from "@durable-ts/testing";
import { installDurableMatchers } from "../src/matchers/index.js";
import { stepMockPlugin } from "../src/runners/step-mocks.js";

installDurableMatchers(expect);

const START = new Date("2026-03-01T00:00:00Z");
const silent = { debug() {}, info() {}, warn() {}, error() {} };
type Handler<E> = (event: E, ctx: DurableContext) => Promise<unknown>;

/** An official-SDK handler, with the step-mock plugin, as our runner takes it. */
function official<E>(body: Handler<E>): LocalRunnerOptions["handlerFunction"] {
  // The runner takes the official handler as it is: same wire shapes on the event it builds.
  return withDurableExecution(body, { plugins: [stepMockPlugin] });
}

describe("a handler written with @aws/durable-execution-sdk-js", () => {
  it("runs steps, a wait, a retried step, a responder-answered callback and a mocked step", async () => {
    let flakyRuns = 0;
    let realQuoteRuns = 0;
    const handler = official(async (event: { orderId: string; qty: number }, ctx) => {
      ctx.configureLogger({ customLogger: silent });
      const reserved = await ctx.step("reserve", async () => ({ orderId: event.orderId, qty: event.qty }));
      await ctx.wait("cool-down", { minutes: 5 });
      const shipped = await ctx.step(
        "ship",
        async () => {
          flakyRuns++;
          if (flakyRuns < 3) throw new Error(`carrier busy (${flakyRuns})`);
          return "TRACK-1";
        },
        { retryStrategy: (_error, attempt) => ({ shouldRetry: attempt < 5, delay: { seconds: 10 } }) },
      );
      const [approval, callbackId] = await ctx.createCallback("approval", { timeout: { hours: 1 } });
      const approved = JSON.parse(await approval) as { by: string };
      const price = await ctx.step("quote", async () => {
        realQuoteRuns++;
        return 999;
      });
      return { reserved, shipped, approvedBy: approved.by, price, callbackIdIsString: typeof callbackId === "string" };
    });

    const runner = new LocalDurableTestRunner({
      handlerFunction: handler,
      startTime: START,
      callbacks: { approval: { success: { by: "alice" }, after: { minutes: 2 } } },
    }).mockStep("quote", { result: 42 });
    const result = await runner.run({ payload: { orderId: "o-7", qty: 3 } });

    expect(result).toSucceedWith({ reserved: { orderId: "o-7", qty: 3 }, shipped: "TRACK-1", approvedBy: "alice", price: 42, callbackIdIsString: true });
    expect(result).toHaveOperation("ship", { type: "STEP", status: "SUCCEEDED", attempts: 3 });
    expect(result).toHaveOperation("approval", { type: "CALLBACK", status: "SUCCEEDED" });
    expect(result).toHaveOperation("quote", { status: "SUCCEEDED", attempts: 1 });
    expect(flakyRuns).toBe(3);
    expect(realQuoteRuns).toBe(0);
    // Invocations: first run → wait; → retry 1; → retry 2; → callback; → answered and done.
    const invocations = result.getInvocations();
    expect(invocations.map((invocation) => invocation.status)).toEqual(["PENDING", "PENDING", "PENDING", "PENDING", "SUCCEEDED"]);
    // Virtual time: 5 min wait + 2 × 10 s retry delay + 2 min until the responder answers.
    expect(runner.clock.nowMs() - START.getTime()).toBe((5 * 60 + 20 + 2 * 60) * 1000);
    expect(invocations.at(-1)!.startTimestamp.getTime() - START.getTime()).toBe((5 * 60 + 20 + 2 * 60) * 1000);
  });

  it("takes per-attempt step mocks, waitForCallback responders and a callback timeout skipped in virtual time", async () => {
    const handler = official(async (_event: unknown, ctx) => {
      ctx.configureLogger({ customLogger: silent });
      const charged = await ctx.step("charge", async () => "real charge", {
        retryStrategy: (_error, attempt) => ({ shouldRetry: attempt < 3, delay: { seconds: 30 } }),
      });
      const review = await ctx.waitForCallback("review", async () => undefined, { timeout: { hours: 1 } });
      let escalation: string;
      try {
        escalation = await ctx.waitForCallback("escalate", async () => undefined, { timeout: { hours: 4 } });
      } catch (error) {
        escalation = `timed out: ${(error as Error).name}`;
      }
      return { charged, review, escalation };
    });

    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime: START })
      .mockStep("charge", [{ error: new Error("gateway 502") }, { result: "mock charge" }])
      .onCallback(/^rev/, ({ name }) => ({ success: `${name} ok`, after: { minutes: 15 } }))
      .onCallback("escalate", { timeout: true });
    const realStart = Date.now();
    const result = await runner.run();

    expect(result).toSucceedWith({ charged: "mock charge", review: "review ok", escalation: expect.stringMatching(/^timed out: /) });
    expect(result).toHaveOperation("charge", { attempts: 2, status: "SUCCEEDED" });
    const arn = runner.backend.listExecutionArns()[0];
    const chargeActions = runner.backend
      .checkpointedUpdates(arn!)
      .filter((u) => u.Name === "charge")
      .map((u) => u.Action);
    expect(chargeActions).toContain("RETRY");
    expect(chargeActions.at(-1)).toBe("SUCCEED");
    // 30 s retry + 15 min review answer + the 4 h escalation timeout, all virtual.
    expect(runner.clock.nowMs() - START.getTime()).toBe((30 + 15 * 60 + 4 * 3600) * 1000);
    expect(Date.now() - realStart).toBeLessThan(5_000);
  });
});
