import { describe, expect, it } from "vitest";
import { createRetryStrategy, JitterStrategy, retryPresets, StepSemantics } from "@durable-ts/sdk";
import { durable, runnerFor, START_MS, withClient } from "./support.js";

const noJitter = (maxAttempts: number, seconds = 10) => createRetryStrategy({ maxAttempts, initialDelay: { seconds }, backoffRate: 2, jitter: JitterStrategy.NONE });

describe("step", () => {
  it("returns the body's result and checkpoints it as a STEP/Step SUCCEEDED", async () => {
    const runner = runnerFor(durable(async (_e, ctx) => ctx.step("add", async () => 1 + 2)));
    const result = await runner.run();
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toBe(3);
    const op = result.getOperation("add");
    expect(op.getType()).toBe("STEP");
    expect(op.getSubType()).toBe("Step");
    expect(op.getStepDetails()).toMatchObject({ attempt: 1, result: 3 });
    expect(result.getInvocations()).toHaveLength(1);
  });

  it("accepts the unnamed overload and writes no Name", async () => {
    const result = await runnerFor(durable(async (_e, ctx) => ctx.step(async () => "x"))).run();
    expect(result.getOperations()[0]?.getName()).toBeUndefined();
    expect(result.getResult()).toBe("x");
  });

  it("never re-runs a completed step body on later invocations", async () => {
    const runs = { a: 0, b: 0 };
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const a = await ctx.step("a", async () => ++runs.a);
        await ctx.wait("pause", { seconds: 5 });
        const b = await ctx.step("b", async () => ++runs.b);
        return a + b;
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe(2);
    expect(runs).toEqual({ a: 1, b: 1 });
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "SUCCEEDED"]);
  });

  it("retries with RETRY checkpoints, suspending for each delay on the virtual clock", async () => {
    const attempts: number[] = [];
    const runner = runnerFor(
      durable(async (_e, ctx) =>
        ctx.step(
          "flaky",
          async ({ attempt }) => {
            attempts.push(attempt);
            if (attempt < 3) throw new Error(`fail ${attempt}`);
            return "ok";
          },
          { retryStrategy: noJitter(5) },
        ),
      ),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe("ok");
    expect(attempts).toEqual([1, 2, 3]);
    expect(result.getOperation("flaky").getStepDetails().attempt).toBe(3);
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "PENDING", "SUCCEEDED"]);
    // 10 s then 20 s of backoff, skipped in virtual time.
    expect(runner.clock.nowMs() - START_MS).toBe(30_000);
  });

  it("fails with StepError carrying the last error once the strategy gives up", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        try {
          await ctx.step(
            "doomed",
            async () => {
              throw new RangeError("out of range");
            },
            { retryStrategy: noJitter(2) },
          );
          return "unreachable";
        } catch (error) {
          const e = error as Error & { cause?: Error };
          return { name: e.name, message: e.message, causeName: e.cause?.name, causeIsRangeError: e.cause instanceof RangeError };
        }
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual({ name: "StepError", message: "out of range", causeName: "RangeError", causeIsRangeError: true });
    expect(result.getOperation("doomed").getStatus()).toBe("FAILED");
    expect(result.getOperation("doomed").getStepDetails().error).toMatchObject({ errorType: "RangeError", errorMessage: "out of range" });
  });

  it("with retryPresets.noRetry an uncaught step failure ends the execution FAILED with the StepError", async () => {
    const result = await runnerFor(
      durable(async (_e, ctx) =>
        ctx.step(
          "once",
          async () => {
            throw new TypeError("bad input");
          },
          { retryStrategy: retryPresets.noRetry },
        ),
      ),
    ).run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({ errorType: "StepError", errorMessage: "bad input" });
    expect(result.getInvocations()).toHaveLength(1);
  });

  it("replays a recorded failure as the same error without running the body again", async () => {
    let runs = 0;
    const seen: string[] = [];
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        let observed = "";
        try {
          await ctx.step(
            "fails",
            async () => {
              runs++;
              throw Object.assign(new Error("declined"), { code: "CARD_DECLINED", details: { retry: false } });
            },
            { retryStrategy: retryPresets.noRetry },
          );
        } catch (error) {
          const cause = (error as Error & { cause: Error & { code?: string; details?: unknown } }).cause;
          observed = JSON.stringify({ message: cause.message, code: cause.code, details: cause.details });
          seen.push(observed);
        }
        await ctx.wait({ seconds: 1 });
        return [observed];
      }),
    );
    const result = await runner.run();
    expect(runs).toBe(1);
    const expected = JSON.stringify({ message: "declined", code: "CARD_DECLINED", details: { retry: false } });
    expect(result.getResult()).toEqual([expected]);
    expect(seen).toEqual([expected, expected]);
  });

  it("at-most-once: awaits the START acknowledgement before running the body", async () => {
    const order: string[] = [];
    const handler = withClient(
      durable(async (_e, ctx) =>
        ctx.step(
          "charge",
          async () => {
            order.push("body");
            return 1;
          },
          { semantics: StepSemantics.AtMostOncePerRetry },
        ),
      ),
      (client) => ({
        ...client,
        checkpoint: async (request) => {
          const response = await client.checkpoint(request);
          order.push(request.Updates!.map((u) => u.Action).join("+"));
          return response;
        },
        getExecutionState: (p) => client.getExecutionState(p),
      }),
    );
    const result = await runnerFor(handler).run();
    expect(result.getResult()).toBe(1);
    expect(order).toEqual(["START", "body", "SUCCEED"]);
  });

  it("at-least-once: START and SUCCEED of a quick step travel in one checkpoint", async () => {
    const batches: string[] = [];
    const handler = withClient(
      durable(async (_e, ctx) => ctx.step("quick", async () => 1)),
      (client) => ({
        checkpoint: async (request) => {
          batches.push(request.Updates!.map((u) => u.Action).join("+"));
          return client.checkpoint(request);
        },
        getExecutionState: (p) => client.getExecutionState(p),
      }),
    );
    await runnerFor(handler).run();
    expect(batches).toEqual(["START+SUCCEED"]);
  });

  it("at-most-once: a STARTED attempt found on replay is not re-run; StepInterruptedError goes to the retry strategy", async () => {
    let runs = 0;
    const decisions: string[] = [];
    let crashed = false;
    const inner = durable(async (_e, ctx) =>
      ctx.step(
        "transfer",
        async ({ attempt }) => {
          runs++;
          return `attempt ${attempt}`;
        },
        {
          semantics: StepSemantics.AtMostOncePerRetry,
          retryStrategy: (error, attempts) => {
            decisions.push(`${error.name}@${attempts}`);
            return { shouldRetry: true, delay: { seconds: 3 } };
          },
        },
      ),
    );
    // Crash the first invocation right after the START was acknowledged: its SUCCEED never arrives.
    const handler = withClient(inner, (client) => ({
      checkpoint: async (request) => {
        if (!crashed && request.Updates!.some((u) => u.Action === "SUCCEED")) {
          crashed = true;
          throw Object.assign(new Error("connection reset"), { name: "NetworkError" });
        }
        return client.checkpoint(request);
      },
      getExecutionState: (p) => client.getExecutionState(p),
    }));
    const runner = runnerFor(handler);
    const result = await runner.run();
    expect(decisions).toEqual(["StepInterruptedError@1"]);
    expect(result.getResult()).toBe("attempt 2");
    expect(runs).toBe(2); // attempt 1 (interrupted before its result was saved) and attempt 2, never attempt 1 twice
    expect(result.getInvocations().map((i) => i.status)).toEqual(["THROWN", "PENDING", "SUCCEEDED"]);
  });

  it("round-trips results through the serdes on the first run too (Date, Map, Set, BigInt, undefined)", async () => {
    const live: unknown[] = [];
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const value = await ctx.step("rich", async () => ({
          at: new Date("2026-02-03T04:05:06Z"),
          tags: new Set(["a", "b"]),
          counts: new Map([["x", 1n]]),
          missing: undefined,
        }));
        live.push(value);
        await ctx.wait({ seconds: 1 });
        live.push(await Promise.resolve(value));
        return value.at instanceof Date && value.tags instanceof Set && value.counts.get("x") === 1n && "missing" in value;
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe(true);
    expect(live[0]).toEqual(live[2]);
    expect(result.getOperation("rich").getStepDetails().result).toEqual(live[0]);
  });

  it("a body calling a durable operation is CONTEXT_MISUSE and fails the execution", async () => {
    const result = await runnerFor(durable(async (_e, ctx) => ctx.step("outer", async () => ctx.step("inner", async () => 1)))).run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({ errorType: "ConfigError" });
    expect(result.getError().errorMessage).toMatch(/inside a step/);
  });
});
