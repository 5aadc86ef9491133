import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRetryStrategy, durableExecution, JitterStrategy } from "@durable-ts/sdk";
import { exploreInterruptions, LocalDurableTestRunner } from "@durable-ts/testing";
import { isSagaError, saga, SagaError, SagaErrorCode } from "@durable-ts/sdk/saga";

const once = createRetryStrategy({ maxAttempts: 1 });
const twice = createRetryStrategy({ maxAttempts: 2, initialDelay: { seconds: 1 }, jitter: JitterStrategy.NONE });
const run = (handler: ReturnType<typeof durableExecution>, payload: unknown = {}) => new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload });

describe("saga", () => {
  it("resolves with the body's result and runs no compensation when nothing fails", async () => {
    const undone: string[] = [];
    const handler = durableExecution(async (_e, ctx) =>
      saga(ctx, "s", async (tx) => {
        const a = await tx.step("a", async () => 1, { compensate: () => void undone.push("a") });
        return a + (await tx.step("b", async () => 2, { compensate: () => void undone.push("b") }));
      }),
    );
    const result = await run(handler);
    expect(result.getResult()).toBe(3);
    expect(undone).toEqual([]);
  });

  it("undoes completed steps in reverse order with their results; a step without compensate is skipped", async () => {
    const undone: unknown[] = [];
    const handler = durableExecution(async (_e, ctx) =>
      saga(ctx, "s", async (tx) => {
        await tx.step("a", async () => ({ id: "A" }), { compensate: (r) => void undone.push(r) });
        await tx.step("log", async () => "no undo");
        await tx.step("b", async () => ["B"], { compensate: (r) => void undone.push(r) });
        await tx.step(
          "c",
          async () => {
            throw new TypeError("c broke");
          },
          { retryStrategy: once, compensate: () => void undone.push("never") },
        );
      }),
    );
    const result = await run(handler);
    expect(undone).toEqual([["B"], { id: "A" }]);
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({ errorType: "SagaError", errorMessage: 'Saga failed at step "c" (c broke); compensated: b, a' });
  });

  it("rejects with a SagaError that keeps code, fields and cause, live and after replay", async () => {
    const seen: unknown[] = [];
    const handler = durableExecution(async (_e, ctx) => {
      let caught: unknown;
      try {
        await saga(ctx, "s", async (tx) => {
          await tx.step("a", async () => 1, { compensate: async () => undefined });
          await tx.step(
            "b",
            async () => {
              throw new RangeError("out of stock");
            },
            { retryStrategy: once },
          );
        });
      } catch (error) {
        caught = error;
      }
      // The wait ends this invocation: the next one replays the saga from its recorded failure.
      await ctx.wait("after", { seconds: 5 });
      seen.push(caught);
      const e = caught as SagaError;
      return {
        isSaga: isSagaError(e),
        instance: e instanceof SagaError,
        code: e.code,
        compensated: e.compensated,
        failedStep: e.failedStep,
        cause: (e.cause as Error).message,
      };
    });
    const result = await run(handler);
    expect(result.getInvocations()).toHaveLength(2);
    expect(result.getResult()).toEqual({ isSaga: true, instance: true, code: SagaErrorCode.COMPENSATED, compensated: ["a"], failedStep: "b", cause: "out of stock" });
    expect(seen).toHaveLength(1);
  });

  it("reports a compensation that fails for good, and by default still runs the rest", async () => {
    const undone: string[] = [];
    const body = (onCompensationFailure?: "continue" | "stop") =>
      durableExecution(async (_e, ctx) => {
        try {
          await saga(
            ctx,
            "s",
            async (tx) => {
              await tx.step("a", async () => 1, { compensate: () => void undone.push("a") });
              await tx.step("b", async () => 2, {
                compensate: () => {
                  throw new Error("refund API gone");
                },
              });
              throw new Error("business rule");
            },
            { compensationRetryStrategy: twice, onCompensationFailure },
          );
        } catch (error) {
          const e = error as SagaError;
          return { code: e.code, failedStep: e.failedStep ?? null, compensated: e.compensated, failed: e.failedCompensations, message: e.message };
        }
      });
    expect((await run(body())).getResult()).toEqual({
      code: "SAGA_COMPENSATION_FAILED",
      failedStep: null,
      compensated: ["a"],
      failed: [{ step: "b", errorType: "Error", errorMessage: "refund API gone" }],
      message: "Saga failed (business rule) and could not compensate: b",
    });
    expect(undone).toEqual(["a"]);
    undone.length = 0;
    expect((await run(body("stop"))).getResult()).toMatchObject({ compensated: [], failed: [{ step: "b" }] });
    expect(undone).toEqual([]);
  });

  it("runs compensations registered with addCompensation for work done by other operations", async () => {
    const undone: string[] = [];
    const handler = durableExecution(async (_e, ctx) =>
      saga(ctx, "s", async (tx) => {
        await tx.context.wait("cool-off", { seconds: 1 });
        tx.addCompensation("notify", () => void undone.push("notify"));
        await tx.step(
          "x",
          async () => {
            throw new Error("x");
          },
          { retryStrategy: once },
        );
      }).catch((e: SagaError) => e.compensated),
    );
    expect((await run(handler)).getResult()).toEqual(["notify"]);
    expect(undone).toEqual(["notify"]);
  });

  it("does not compensate a terminal SDK error: the execution fails with it", async () => {
    const undone: string[] = [];
    const handler = durableExecution(async (_e, ctx) =>
      saga(ctx, "s", async (tx) => {
        await tx.step("a", async () => 1, { compensate: () => void undone.push("a") });
        await tx.context.wait("bad", { seconds: -1 }); // ConfigError: ends the execution
      }),
    );
    const result = await run(handler);
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()?.errorType).toBe("ConfigError");
    expect(undone).toEqual([]);
  });

  it("always compensates exactly the completed steps, in reverse, whatever step fails (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 6 }), async (steps, failAt) => {
        const undone: number[] = [];
        const handler = durableExecution(async (_e, ctx) =>
          saga(ctx, "s", async (tx) => {
            for (let i = 0; i < steps; i++) {
              await tx.step(
                `s${i}`,
                async () => {
                  if (i === failAt) throw new Error(`s${i}`);
                  return i;
                },
                { retryStrategy: once, compensate: (r) => void undone.push(r) },
              );
            }
            return "done";
          }),
        );
        const result = await run(handler);
        const fails = failAt < steps;
        expect(undone).toEqual(fails ? [...Array(failAt).keys()].reverse() : []);
        expect(result.getStatus()).toBe(fails ? "FAILED" : "SUCCEEDED");
      }),
      { numRuns: 25 },
    );
  });

  it("continues the compensations where an interrupted invocation stopped", async () => {
    const handler = durableExecution(async (_e, ctx) =>
      saga(
        ctx,
        "s",
        async (tx) => {
          await tx.step("a", async () => "A", { compensate: async () => "undo A" });
          await tx.step("b", async () => "B", {
            compensate: async (_result, { attempt }) => {
              if (attempt === 1) throw new Error("flaky");
            },
          });
          await tx.step(
            "c",
            async () => {
              throw new Error("c");
            },
            { retryStrategy: once },
          );
        },
        { compensationRetryStrategy: twice },
      ).catch((e: SagaError) => ({ compensated: e.compensated })),
    );
    const report = await exploreInterruptions(handler, {}, { points: "all" });
    expect(report.baseline).toEqual({ status: "SUCCEEDED", result: { compensated: ["b", "a"] } });
    expect(report.failures).toEqual([]);
  });
});
