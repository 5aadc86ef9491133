import { describe, expect, it } from "vitest";
import { CallbackError, durableExecution, type DurableContext } from "@durable-ts/sdk";
import { LocalDurableTestRunner, WaitingOperationStatus } from "@durable-ts/testing";
import type { CallbackResponderInfo } from "../src/runners/responders.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const START = new Date("2026-03-01T00:00:00Z");
const MINUTE = 60_000;

type Body = (event: unknown, ctx: DurableContext) => Promise<unknown>;
const runnerFor = (body: Body, options: Omit<ConstructorParameters<typeof LocalDurableTestRunner>[0], "handlerFunction"> = {}) =>
  new LocalDurableTestRunner({ handlerFunction: durableExecution(body, { logger: silent }), startTime: START, ...options });
const elapsedMs = (runner: LocalDurableTestRunner) => runner.clock.nowMs() - START.getTime();

/** Awaits the named callback; a callback error becomes the result `"<ErrorName>: <message>"`. */
const awaitCallback =
  (name: string, config: { timeout?: { hours?: number; minutes?: number }; heartbeatTimeout?: { minutes: number } } = {}): Body =>
  async (_event, ctx) => {
    const [result] = await ctx.createCallback(name, config as never);
    try {
      return await result;
    } catch (error) {
      if (error instanceof CallbackError) return `${error.name}: ${(error.cause as Error | undefined)?.message ?? error.message}`;
      throw error;
    }
  };

describe("callback responders", () => {
  it("answer a createCallback after its START: strings are sent raw, other values as JSON", async () => {
    const twoCallbacks: Body = async (_event, ctx) => {
      const [first] = await ctx.createCallback("raw");
      const [second] = await ctx.createCallback("json");
      return [await first, await second];
    };
    const runner = runnerFor(twoCallbacks, { callbacks: { raw: { success: "plain text" }, json: { success: { ok: true, n: 2 } } } });
    const result = await runner.run();
    expect(result.getResult()).toEqual(["plain text", '{"ok":true,"n":2}']);
    expect(elapsedMs(runner)).toBe(0);
    // The handler suspends on the open callbacks; the answers arrive afterwards and re-invoke it.
    expect(result.getInvocations().length).toBeGreaterThanOrEqual(2);
    expect(result.getInvocations()[0]?.status).toBe("PENDING");
  });

  it("delay the answer by `after` on the virtual clock", async () => {
    const runner = runnerFor(awaitCallback("approval", { timeout: { hours: 1 } })).onCallback("approval", {
      success: "approved",
      after: { minutes: 30 },
    });
    const result = await runner.run();
    expect(result.getResult()).toBe("approved");
    expect(elapsedMs(runner)).toBe(30 * MINUTE);
    const callback = result.getOperation("approval");
    expect(callback.getEndTimestamp()!.getTime() - callback.getStartTimestamp()!.getTime()).toBe(30 * MINUTE);
  });

  it("{ timeout: true } lets the callback time out, skipped in virtual time although the test holds its handle", async () => {
    const runner = runnerFor(awaitCallback("approval", { timeout: { hours: 6 } }), { callbacks: { approval: { timeout: true } } });
    // A handle the test waits on would make an unanswered callback "watched"; one with a responder never is.
    const handle = runner.getOperation("approval").waitForData(WaitingOperationStatus.SUBMITTED);
    const realStart = Date.now();
    const result = await runner.run();
    await handle;
    expect(result.getResult()).toMatch(/^CallbackTimeoutError: /);
    expect(result.getOperation("approval").getStatus()).toBe("TIMED_OUT");
    expect(elapsedMs(runner)).toBe(6 * 60 * MINUTE);
    expect(Date.now() - realStart).toBeLessThan(5_000);
  });

  it("send heartbeats `every` apart, then apply `then`, keeping a heartbeat-timed callback alive", async () => {
    const body = awaitCallback("job", { timeout: { hours: 2 }, heartbeatTimeout: { minutes: 10 } });
    const alive = runnerFor(body, {
      callbacks: { job: { heartbeats: 3, every: { minutes: 8 }, then: { success: "done", after: { minutes: 5 } } } },
    });
    expect((await alive.run()).getResult()).toBe("done");
    expect(elapsedMs(alive)).toBe((3 * 8 + 5) * MINUTE);

    // One heartbeat at 8 min re-arms the 10-minute window; without more, it times out at 18 min.
    const starved = runnerFor(body, { callbacks: { job: { heartbeats: 1, every: { minutes: 8 }, then: { timeout: true } } } });
    const result = await starved.run();
    expect(result.getResult()).toMatch(/^CallbackTimeoutError: .*heartbeat/);
    expect(elapsedMs(starved)).toBe(18 * MINUTE);
  });

  it("fail the callback with an Error (its name and message) or an ErrorObject", async () => {
    const withError = runnerFor(awaitCallback("payment"), { callbacks: { payment: { failure: new TypeError("card declined") } } });
    const fromError = await withError.run();
    expect(fromError.getResult()).toBe("CallbackExternalError: card declined");
    expect(fromError.getOperation("payment").getCallbackDetails().error).toMatchObject({ errorType: "TypeError", errorMessage: "card declined" });

    const withObject = runnerFor(awaitCallback("payment")).onCallback("payment", {
      failure: { ErrorType: "Rejected", ErrorMessage: "insufficient funds" },
      after: { seconds: 90 },
    });
    const fromObject = await withObject.run();
    expect(fromObject.getResult()).toBe("CallbackExternalError: insufficient funds");
    expect(fromObject.getOperation("payment").getCallbackDetails().error).toMatchObject({ errorType: "Rejected" });
    expect(elapsedMs(withObject)).toBe(90_000);
  });

  it("match names by RegExp, and the latest registration wins", async () => {
    const body: Body = async (_event, ctx) => {
      const names = ["approve-1", "approve-2", "audit"];
      const results: unknown[] = [];
      for (const name of names) {
        const [result] = await ctx.createCallback(name);
        results.push(await result);
      }
      return results;
    };
    const runner = runnerFor(body, { callbacks: { audit: { success: "from options" } } })
      .onCallback(/^approve-\d+$/g, { success: "yes" })
      .onCallback("audit", { success: "from onCallback" });
    expect((await runner.run()).getResult()).toEqual(["yes", "yes", "from onCallback"]);
  });

  it("answer a waitForCallback by its name only after the submitter succeeded, telling a function responder when", async () => {
    let submitted: string | undefined;
    let submitterRuns = 0;
    const body: Body = async (_event, ctx) =>
      ctx.waitForCallback(
        "ask-human",
        async (callbackId) => {
          submitterRuns++;
          if (submitterRuns === 1) throw new Error("mail server down");
          submitted = callbackId;
        },
        { timeout: { hours: 1 }, retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 20 } }) },
      );
    const seen: CallbackResponderInfo[] = [];
    const runner = runnerFor(body).onCallback("ask-human", (info) => {
      seen.push(info);
      return { success: `ok for ${info.name}`, after: { seconds: 40 } };
    });
    const result = await runner.run();
    expect(result.getResult()).toBe("ok for ask-human");
    expect(seen).toHaveLength(1);
    expect(seen[0]?.callbackId).toBe(submitted);
    expect(seen[0]!.now.getTime() - START.getTime()).toBe(20_000); // the submitter's retry delay
    expect(elapsedMs(runner)).toBe(60_000);
  });

  it("await an async responder before skip-time can fire the callback's own timeout", async () => {
    const runner = runnerFor(awaitCallback("slow", { timeout: { minutes: 1 } })).onCallback("slow", async () => {
      await new Promise((resolve) => setTimeout(resolve, 50)); // real time: the clock must not move meanwhile
      return { success: "in time" };
    });
    expect((await runner.run()).getResult()).toBe("in time");
    expect(elapsedMs(runner)).toBe(0);
  });

  it("fire their timers while the test watches another callback of the same execution", async () => {
    const body: Body = async (_event, ctx) => {
      const [scripted] = await ctx.createCallback("scripted");
      const [manual] = await ctx.createCallback("manual");
      return [await scripted, await manual];
    };
    const runner = runnerFor(body).onCallback("scripted", { success: "auto", after: { minutes: 10 } });
    const running = runner.run();
    const manual = await runner.getOperation("manual").waitForData(WaitingOperationStatus.SUBMITTED);
    await runner.getOperation("scripted").waitForData(WaitingOperationStatus.COMPLETED);
    expect(elapsedMs(runner)).toBe(10 * MINUTE);
    await manual.sendCallbackSuccess("by hand");
    expect((await running).getResult()).toEqual(["auto", "by hand"]);
  });

  it("ignore an answer that comes after the callback already timed out", async () => {
    const runner = runnerFor(awaitCallback("late", { timeout: { hours: 1 } }), { callbacks: { late: { success: "too late", after: { hours: 2 } } } });
    const result = await runner.run();
    expect(result.getResult()).toMatch(/^CallbackTimeoutError/);
    expect(elapsedMs(runner)).toBe(60 * MINUTE);
  });

  it("make run() reject, naming the responder, when a responder throws or can never fire", async () => {
    const throwing = runnerFor(awaitCallback("broken", { timeout: { hours: 1 } })).onCallback("broken", () => {
      throw new Error("responder bug");
    });
    await expect(throwing.run()).rejects.toThrow(/Callback responder onCallback\(broken\) for callback "broken" failed: responder bug/);

    const forever = runnerFor(awaitCallback("no-timeout"), { callbacks: { "no-timeout": { timeout: true } } });
    const realStart = Date.now();
    await expect(forever.run()).rejects.toThrow(/callbacks\["no-timeout"\].*neither a timeout nor a heartbeat timeout/);
    expect(Date.now() - realStart).toBeLessThan(5_000);

    const badAnswer = runnerFor(awaitCallback("odd", { timeout: { hours: 1 } })).onCallback("odd", () => ({ maybe: true }) as never);
    await expect(badAnswer.run()).rejects.toThrow(/returned value.*expected \{ success, after\? \}/);
  });

  it("reject malformed responders when registered, naming the field", () => {
    const runner = runnerFor(awaitCallback("x"));
    expect(() => runner.onCallback("x", { success: 1, failure: new Error("both") } as never)).toThrow(TypeError);
    expect(() => runner.onCallback("x", { timeout: false } as never)).toThrow(/onCallback\(x\)\.timeout: expected true/);
    expect(() => runner.onCallback("x", { heartbeats: -1, every: { seconds: 1 }, then: { timeout: true } })).toThrow(/heartbeats: expected an integer >= 0/);
    expect(() => runner.onCallback("x", { heartbeats: 1, every: { seconds: 0 }, then: { timeout: true } })).toThrow(/every: expected a duration of at least 1 second/);
    expect(() => runner.onCallback("x", { heartbeats: 1, every: { seconds: 5 }, then: { nope: 1 } as never })).toThrow(/\.then: expected/);
    expect(() => runnerFor(awaitCallback("x"), { callbacks: { x: { success: 1, after: { weeks: 1 } as never } } })).toThrow(/callbacks\["x"\]\.after/);
    expect(() => runner.onCallback(42 as never, { timeout: true })).toThrow(/must be a string or a RegExp/);
  });
});
