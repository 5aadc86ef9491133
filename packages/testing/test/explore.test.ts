import { describe, expect, it } from "vitest";
import { createRetryStrategy, JitterStrategy, StepSemantics, type DurableLambdaHandler } from "@durable-ts/sdk";
import { exploreInterruptions, InterruptionExplorationError, type ExplorationFailureKind } from "../src/exploration/index.js";
import { durable } from "./fixtures/workflows.js";

const retry = createRetryStrategy({ maxAttempts: 3, initialDelay: { seconds: 1 }, jitter: JitterStrategy.NONE });

/**
 * Wraps `build`'s handler so it can tell which invocation of the current execution it is in
 * (1-based). State outside the execution, the thing replay must never depend on.
 */
function withInvocationCount(build: (invocation: () => number) => DurableLambdaHandler): DurableLambdaHandler {
  let count = 0;
  const handler = build(() => count);
  return (event, context) => {
    // The first invocation of an execution sees only the EXECUTION operation.
    if ((event.InitialExecutionState.Operations ?? []).length <= 1) count = 0;
    count++;
    return handler(event, context);
  };
}

/** A correct workflow: a retried step, an at-most-once step, a wait, a child context with two concurrent steps. */
const fulfilment = durable(async (event: { quantity: number }, ctx) => {
  const reserved = await ctx.step(
    "reserve",
    async ({ attempt }) => {
      if (attempt < 2) throw new Error("warehouse busy");
      return event.quantity * 2;
    },
    { retryStrategy: retry },
  );
  const charged = await ctx.step("charge", async () => reserved + 1, { semantics: StepSemantics.AtMostOncePerRetry, retryStrategy: retry });
  await ctx.wait("settle", { seconds: 5 });
  const shipped = await ctx.runInChildContext("ship", async (child) => {
    const [label, pickup] = await Promise.all([child.step("label", async () => "L"), child.step("pickup", async () => "P")]);
    return label + pickup;
  });
  return { reserved, charged, shipped };
});

async function failuresOf(promise: Promise<unknown>): Promise<InterruptionExplorationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InterruptionExplorationError);
  return error as InterruptionExplorationError;
}

const kinds = (error: InterruptionExplorationError): Set<ExplorationFailureKind> => new Set(error.report.failures.map((f) => f.kind));

describe("exploreInterruptions on a correct workflow", () => {
  it("passes at every checkpoint, cut after the reply (ack) and with the reply lost", async () => {
    const report = await exploreInterruptions(fulfilment, { quantity: 5 });
    expect(report.baseline).toEqual({ status: "SUCCEEDED", result: { reserved: 10, charged: 11, shipped: "LP" } });
    expect(report.failures).toEqual([]);
    expect(report.runs).toBe(report.points);
    expect(report.runs % 2).toBe(0);
    expect(report.runs).toBeGreaterThanOrEqual(8);
  });

  it('with points "all" also cuts between the updates of every batch', async () => {
    const checkpoints = await exploreInterruptions(fulfilment, { quantity: 5 });
    const all = await exploreInterruptions(fulfilment, { quantity: 5 }, { points: "all" });
    expect(all.failures).toEqual([]);
    expect(all.runs).toBeGreaterThan(checkpoints.runs);
  });

  it("spreads the runs over the whole execution when maxRuns caps them", async () => {
    const report = await exploreInterruptions(fulfilment, { quantity: 5 }, { maxRuns: 3 });
    expect(report.runs).toBe(3);
    expect(report.points).toBeGreaterThan(3);
  });

  it("matches a failing baseline too: the same error after every interruption", async () => {
    const failing = durable(async (_e, ctx) => {
      await ctx.step("load", async () => 1);
      await ctx.step(
        "validate",
        async () => {
          throw new RangeError("quantity must be positive");
        },
        { retryStrategy: () => ({ shouldRetry: false }) },
      );
    });
    const report = await exploreInterruptions(failing, {});
    expect(report.baseline).toEqual({ status: "FAILED", error: { errorType: "StepError", errorMessage: "quantity must be positive" } });
    expect(report.failures).toEqual([]);
  });
});

describe("exploreInterruptions on broken workflows", () => {
  it("catches a counter incremented outside a step that changes the result (outcome-mismatch)", async () => {
    let emailsSent = 0;
    const handler = withInvocationCount((invocation) =>
      durable(async (_e, ctx) => {
        if (invocation() === 1) emailsSent = 0; // one count per execution
        emailsSent++; // BUG: a side effect outside a step runs again on every replay
        const order = await ctx.step("load", async () => ({ id: 7 }));
        const price = await ctx.step("price", async () => 30);
        return { order, price, emailsSent };
      }),
    );
    const error = await failuresOf(exploreInterruptions(handler, {}));
    expect(error.report.baseline).toEqual({ status: "SUCCEEDED", result: { order: { id: 7 }, price: 30, emailsSent: 1 } });
    expect(kinds(error)).toEqual(new Set(["outcome-mismatch"]));
    expect(error.report.failures.map((f) => f.point)).toEqual(["checkpoint 0 ack", "checkpoint 0 lost-response"]);
    expect(error.report.failures[0]).toEqual({
      point: "checkpoint 0 ack",
      kind: "outcome-mismatch",
      detail: 'ended SUCCEEDED with {"order":{"id":7},"price":30,"emailsSent":2}; the baseline ended SUCCEEDED with {"order":{"id":7},"price":30,"emailsSent":1}',
    });
    expect(error.message.split("\n").slice(0, 2)).toEqual([
      "exploreInterruptions: 2 failure(s) in 2 run(s) of 2 interrupted run(s) (baseline SUCCEEDED):",
      '- checkpoint 0 ack: outcome-mismatch: ended SUCCEEDED with {"order":{"id":7},"price":30,"emailsSent":2}; the baseline ended SUCCEEDED with {"order":{"id":7},"price":30,"emailsSent":1}',
    ]);
  });

  it("catches code that branches on the invocation (non-determinism)", async () => {
    const handler = withInvocationCount((invocation) =>
      durable(async (_e, ctx) => {
        await ctx.step(invocation() === 1 ? "charge" : "charge-again", async () => 1); // BUG: depends on the invocation
        await ctx.step("receipt", async () => 2);
        return "done";
      }),
    );
    const error = await failuresOf(exploreInterruptions(handler, {}));
    expect(kinds(error)).toEqual(new Set(["non-determinism"]));
    expect(error.report.failures.map((f) => f.point)).toEqual(["checkpoint 0 ack", "checkpoint 0 lost-response"]);
    expect(error.report.failures[0]?.detail).toBe(
      'Non-deterministic replay at 1 (id c4ca4238a0b92382): history has STEP/Step "charge", code called STEP/Step "charge-again"',
    );
  });

  it("catches a step body that runs again after its SUCCEED was persisted (completed-step-rerun)", async () => {
    // Stands in for a broken SDK: re-invocations do not see the completed "load" step.
    const inner = durable(async (_e, ctx) => {
      await ctx.step("load", async () => 1);
      return ctx.step("use", async () => 2);
    });
    const forgetful: DurableLambdaHandler = (event, context) => {
      const operations = (event.InitialExecutionState.Operations ?? []).filter((op) => op.Name !== "load");
      const replaced = Object.assign(Object.create(Object.getPrototypeOf(event) as object), event, {
        InitialExecutionState: { ...event.InitialExecutionState, Operations: operations },
      }) as typeof event;
      return inner(replaced, context);
    };
    const error = await failuresOf(exploreInterruptions(forgetful, {}));
    expect(kinds(error)).toContain("completed-step-rerun");
    expect(error.report.failures.find((f) => f.kind === "completed-step-rerun")?.detail).toBe(
      'step "load" (id c4ca4238a0b92382) attempt 1 ran again although its SUCCEED was persisted',
    );
  });

  it("reports an invocation that never answers as stuck, and still ends the run", async () => {
    const handler = withInvocationCount((invocation) => {
      const inner = durable(async (_e, ctx) => {
        await ctx.step("one", async () => 1);
        return ctx.step("two", async () => 2);
      });
      return (event, context) => (invocation() > 1 ? new Promise(() => undefined) : inner(event, context));
    });
    const error = await failuresOf(exploreInterruptions(handler, {}, { maxRuns: 1, runTimeoutMs: 200 }));
    expect(error.report.runs).toBe(1);
    // Either the explorer's own per-invocation limit or the runner's run() limit reports it.
    expect(error.report.failures).toEqual([
      { point: "checkpoint 0 ack", kind: "stuck", detail: expect.stringMatching(/did not answer within 200 ms|timed out after 200 ms with an invocation still running/) },
    ]);
  });

  it("lists at most 10 failures in the message, and all of them in the report", async () => {
    let calls = 0;
    const leaky = durable(async (_e, ctx) => {
      calls++; // never reset: every run differs from the baseline
      for (let i = 0; i < 6; i++) await ctx.wait({ seconds: 1 });
      return calls;
    });
    const error = await failuresOf(exploreInterruptions(leaky, {}));
    expect(error.report.failures.length).toBeGreaterThan(10);
    expect(error.message.split("\n").filter((line) => line.startsWith("- "))).toHaveLength(10);
    expect(error.message).toMatch(new RegExp(`… and ${error.report.failures.length - 10} more$`));
  });
});
