import { describe, expect, it } from "vitest";
import { DurableExecutionClientError } from "@durable-ts/sdk";
import { createLambdaContext, InMemoryBackend } from "@durable-ts/testing";
import { durable, runnerFor } from "./support.js";

/**
 * Two steps with a wait between, counting body runs. Checkpoint 1 carries step a and the wait's
 * START (pipelined into one batch); checkpoint 2 carries step b, in the second invocation.
 */
function workflow(runs: Record<string, number>) {
  return durable(async (_e, ctx) => {
    const a = await ctx.step("a", async () => (runs.a = (runs.a ?? 0) + 1));
    await ctx.wait("w", { seconds: 2 });
    const b = await ctx.step("b", async () => (runs.b = (runs.b ?? 0) + 1));
    return a + b;
  });
}

describe("checkpoint failures", () => {
  it.each([
    ["a 5xx ServiceException", "Service"],
    ["a 429 TooManyRequestsException", "Throttling"],
    ["a stale checkpoint token", "StaleToken"],
    ["a lost response (applied, then a network error)", "LostResponse"],
  ] as const)("%s is thrown for Lambda to retry; the retry resumes from what was checkpointed", async (_label, fault) => {
    const runs: Record<string, number> = {};
    const runner = runnerFor(workflow(runs));
    // The fault hits checkpoint 2 (step b's result), after step a and the wait were persisted.
    let calls = 0;
    const original = runner.backend.checkpointDurableExecution.bind(runner.backend);
    runner.backend.checkpointDurableExecution = async (input) => {
      if (++calls === 2) runner.backend.injectFault({ api: "checkpoint", error: fault });
      return original(input);
    };
    const result = await runner.run();
    expect(result.getStatus()).toBe("SUCCEEDED");
    // Step a was persisted before the fault: never re-run. Step b re-runs only if its result was not persisted.
    const bRuns = fault === "LostResponse" ? 1 : 2;
    expect(runs).toEqual({ a: 1, b: bRuns });
    expect(result.getResult()).toBe(1 + (fault === "LostResponse" ? 1 : 2));
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "THROWN", "SUCCEEDED"]);
  });

  it("throws DurableExecutionClientError with scope INVOCATION from the handler itself", async () => {
    const backend = new InMemoryBackend();
    const { executionArn } = backend.startExecution({});
    const { event } = backend.beginInvocation(executionArn);
    backend.injectFault({ api: "checkpoint", error: "Service" });
    const handler = workflow({});
    const error = await handler({ ...event, durableExecutionClient: backend.durableExecutionClient() } as never, createLambdaContext("fn", 60_000)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DurableExecutionClientError);
    expect(error).toMatchObject({ scope: "INVOCATION", statusCode: 500 });
  });

  it("an execution-level 4xx (InvalidParameterValueException) ends the execution FAILED, not retried", async () => {
    const runs: Record<string, number> = {};
    const runner = runnerFor(workflow(runs));
    runner.backend.injectFault({ api: "checkpoint", error: "InvalidParameter" });
    const result = await runner.run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({ errorType: "DurableExecutionClientError" });
    expect(result.getError().errorMessage).toMatch(/InvalidParameterValueException/);
    expect(result.getInvocations()).toHaveLength(1);
  });

  it("a failing state page at start-up is thrown (invocation-level) and the retry succeeds", async () => {
    const backend = new InMemoryBackend({ initialPageSize: 1 });
    const runs: Record<string, number> = {};
    const { LocalDurableTestRunner } = await import("@durable-ts/testing");
    const runner = new LocalDurableTestRunner({ handlerFunction: workflow(runs), backend });
    let injected = false;
    const original = backend.beginInvocation.bind(backend);
    backend.beginInvocation = (arn) => {
      const begun = original(arn);
      if (begun.event.InitialExecutionState.NextMarker && !injected) {
        injected = true;
        backend.injectFault({ api: "getState", error: "Service" });
      }
      return begun;
    };
    const result = await runner.run();
    expect(injected).toBe(true);
    expect(result.getResult()).toBe(2);
    expect(runs).toEqual({ a: 1, b: 1 });
    expect(result.getInvocations().map((i) => i.status)).toContain("THROWN");
  });
});
