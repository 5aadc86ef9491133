import type { CheckpointDurableExecutionRequest } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { ConfigError, StepError } from "@durable-ts/sdk";
import { createLambdaContext, InMemoryBackend } from "@durable-ts/testing";
import { durable, runnerFor } from "./support.js";

const lambdaContext = createLambdaContext("fn", 60_000);
const EXECUTION = { Id: "exec-1", Type: "EXECUTION", Status: "STARTED", StartTimestamp: 0, ExecutionDetails: { InputPayload: "{}" } };

function eventWith(operations: unknown[], pages: unknown[][] = []) {
  const requests: CheckpointDurableExecutionRequest[] = [];
  return {
    requests,
    event: {
      DurableExecutionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST/durable-execution/x/exec-1",
      CheckpointToken: "tok-0",
      InitialExecutionState: { Operations: operations, NextMarker: pages.length > 0 ? "page-1" : "" },
      durableExecutionClient: {
        checkpoint: async (request: CheckpointDurableExecutionRequest) => {
          requests.push(request);
          return { CheckpointToken: `tok-${requests.length}`, NewExecutionState: { Operations: [] } };
        },
        getExecutionState: async ({ Marker }: { Marker?: string }) => {
          const index = Number(Marker?.split("-")[1] ?? 1) - 1;
          return { Operations: pages[index], NextMarker: index + 1 < pages.length ? `page-${index + 2}` : undefined };
        },
      },
    },
  };
}

describe("an invocation state holding entries that are not operations", () => {
  it.each([
    ["null", [EXECUTION, null], "InitialExecutionState.Operations[1] is null"],
    ["a string", ["op", EXECUTION], "InitialExecutionState.Operations[0] is string"],
    ["an object without Id", [EXECUTION, { Type: "STEP", Status: "SUCCEEDED" }], "InitialExecutionState.Operations[1] has Id missing"],
  ])("answers FAILED with InvalidEventError naming the entry (%s), not a thrown TypeError Lambda would retry forever", async (_label, operations, expected) => {
    const ran: string[] = [];
    const { event, requests } = eventWith(operations);
    const answer = await durable(async () => ran.push("handler"))(event as never, lambdaContext);
    expect(answer).toMatchObject({ Status: "FAILED", Error: { ErrorType: "InvalidEventError" } });
    const message = (answer as { Error: { ErrorMessage: string } }).Error.ErrorMessage;
    expect(message).toContain(expected);
    expect(message).toContain("expected an operation object with string Id and Type");
    expect(ran).toEqual([]);
    expect(requests).toEqual([]);
  });

  it("checks entries read from later state pages too", async () => {
    const { event } = eventWith([EXECUTION], [[null]]);
    const answer = await durable(async () => "never")(event as never, lambdaContext);
    expect(answer).toMatchObject({ Status: "FAILED", Error: { ErrorType: "InvalidEventError" } });
    expect((answer as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toContain("entry 0 after the event's 1");
  });

  it("a well-formed event from the backend still runs", async () => {
    const backend = new InMemoryBackend();
    const { executionArn } = backend.startExecution({ input: "{}" });
    const { event } = backend.beginInvocation(executionArn);
    expect(await durable(async () => "ok")({ ...event, durableExecutionClient: backend.durableExecutionClient() } as never, lambdaContext)).toEqual({
      Status: "SUCCEEDED",
      Result: '"ok"',
    });
  });
});

describe("a retry strategy at fault", () => {
  const failing = async () => {
    throw new Error("network down");
  };

  it("one that throws fails the step with a ConfigError naming the strategy's exception, the attempt and the step", async () => {
    const seen: unknown[] = [];
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        try {
          await ctx.step("charge", failing, {
            retryStrategy: () => {
              throw new TypeError("strategy bug");
            },
          });
        } catch (error) {
          seen.push(error);
        }
        await ctx.wait({ seconds: 1 });
        return "handled";
      }),
    ).run();
    expect(result.getResult()).toBe("handled");
    expect(seen).toHaveLength(2); // live, then on replay from the recorded FAIL
    for (const error of seen) {
      expect(error).toBeInstanceOf(StepError);
      const cause = (error as StepError).cause;
      expect(cause).toBeInstanceOf(ConfigError);
      expect((cause as ConfigError).field).toBe("retryStrategy");
      expect((cause as Error).message).toMatch(
        /^The retryStrategy threw TypeError: strategy bug on attempt 1 of step "charge" \(id [0-9a-f]{16}, position 1\), which failed with Error: network down; a retry strategy must return \{ shouldRetry: boolean, delay\?: Duration \}$/,
      );
    }
    const step = result.getOperation("charge");
    expect(step.getStatus()).toBe("FAILED");
    expect(step.getOperationData().StepDetails?.Error?.ErrorType).toBe("ConfigError");
  });

  it.each([
    ["undefined", () => undefined, "returned undefined"],
    ["a boolean", () => true, "returned true"],
    ["an object without shouldRetry", () => ({ retry: true }), 'returned {"retry":true}'],
  ])("one that returns %s fails the step with a ConfigError saying what it returned", async (_label, strategy, expected) => {
    const result = await runnerFor(durable(async (_e, ctx) => ctx.step("charge", failing, { retryStrategy: strategy as never }))).run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError().errorType).toBe("StepError");
    const stored = result.getOperation("charge").getOperationData().StepDetails?.Error;
    expect(stored?.ErrorType).toBe("ConfigError");
    expect(stored?.ErrorMessage).toContain(`The retryStrategy ${expected} on attempt 1 of step "charge"`);
    expect(stored?.ErrorMessage).toContain("expected { shouldRetry: boolean, delay?: Duration }");
  });

  it("a strategy deciding not to retry still fails the step with the attempt's own error", async () => {
    const result = await runnerFor(durable(async (_e, ctx) => ctx.step("charge", failing, { retryStrategy: () => ({ shouldRetry: false }) }))).run();
    expect(result.getOperation("charge").getOperationData().StepDetails?.Error).toMatchObject({ ErrorType: "Error", ErrorMessage: "network down" });
  });
});
