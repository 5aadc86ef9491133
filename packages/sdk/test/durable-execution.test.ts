import { describe, expect, it } from "vitest";
import { ConfigError, durableExecution, InvalidEventError } from "@durable-ts/sdk";
import { createLambdaContext, InMemoryBackend } from "@durable-ts/testing";
import { durable, runnerFor, silentLogger } from "./support.js";

const lambdaContext = createLambdaContext("fn", 60_000);

/** Starts an execution on a backend and returns the first invocation's event with its client. */
function firstEvent(backend: InMemoryBackend, input: unknown = {}) {
  const { executionArn } = backend.startExecution({ input: JSON.stringify(input) });
  const { event, requestId } = backend.beginInvocation(executionArn);
  return { executionArn, requestId, event: { ...event, durableExecutionClient: backend.durableExecutionClient() } };
}

describe("durableExecution: the invocation event", () => {
  it.each([
    ["null", null, "event"],
    ["a string", "hello", "event"],
    ["no DurableExecutionArn", { CheckpointToken: "t", InitialExecutionState: { Operations: [] } }, "DurableExecutionArn"],
    ["no CheckpointToken", { DurableExecutionArn: "arn", InitialExecutionState: { Operations: [] } }, "CheckpointToken"],
    ["Operations not an array", { DurableExecutionArn: "arn", CheckpointToken: "t", InitialExecutionState: { Operations: {} } }, "InitialExecutionState.Operations"],
  ])("rejects %s with a thrown InvalidEventError naming the field", async (_label, event, field) => {
    const handler = durable(async () => "never");
    const error = await handler(event as never, lambdaContext).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error).toMatchObject({ source: "invocation", field });
    expect((error as Error).message).toContain(field === "event" ? "expected an object" : field);
  });

  it("reads the input after paging the initial state (the EXECUTION op may arrive on a later page)", async () => {
    const backend = new InMemoryBackend({ initialPageSize: 1 });
    const handler = durable(async (event: { n: number }, ctx) => {
      for (let i = 0; i < 3; i++) await ctx.step(`s${i}`, async () => i);
      await ctx.wait({ seconds: 1 });
      return event.n;
    });
    const { executionArn, event, requestId } = firstEvent(backend, { n: 7 });
    const first = await handler(event as never, lambdaContext);
    backend.endInvocation(executionArn, requestId, first as never);
    expect(first).toEqual({ Status: "PENDING" });
    await backend.clock.advance({ seconds: 1 });
    const second = backend.beginInvocation(executionArn);
    expect(second.event.InitialExecutionState.NextMarker).toBeTruthy();
    expect(second.event.InitialExecutionState.Operations).toHaveLength(1);
    const answer = await handler({ ...second.event, durableExecutionClient: backend.durableExecutionClient() } as never, lambdaContext);
    expect(answer).toEqual({ Status: "SUCCEEDED", Result: "7" });
  });

  it("treats absent or empty input as {} and answers FAILED for unparseable input", async () => {
    const seen: unknown[] = [];
    const handler = durable(async (event) => {
      seen.push(event);
      return "ok";
    });
    const backend = new InMemoryBackend();
    const { executionArn } = backend.startExecution({});
    const { event } = backend.beginInvocation(executionArn);
    expect(await handler({ ...event, durableExecutionClient: backend.durableExecutionClient() } as never, lambdaContext)).toMatchObject({
      Status: "SUCCEEDED",
    });
    expect(seen).toEqual([{}]);

    const broken = backend.startExecution({ input: "{not json" });
    const brokenEvent = backend.beginInvocation(broken.executionArn).event;
    const answer = await handler({ ...brokenEvent, durableExecutionClient: backend.durableExecutionClient() } as never, lambdaContext);
    expect(answer).toMatchObject({ Status: "FAILED", Error: { ErrorType: "InvalidEventError" } });
  });

  it("answers SUCCEEDED without Result for undefined, with JSON for values", async () => {
    expect((await runnerFor(durable(async () => undefined)).run()).getStatus()).toBe("SUCCEEDED");
    const backend = new InMemoryBackend();
    const { event } = firstEvent(backend);
    expect(await durable(async () => undefined)(event as never, lambdaContext)).toEqual({ Status: "SUCCEEDED" });
    const again = firstEvent(backend);
    expect(await durable(async () => ({ a: [1, "b"] }))(again.event as never, lambdaContext)).toEqual({ Status: "SUCCEEDED", Result: '{"a":[1,"b"]}' });
  });

  it('checkpoints a result over the response limit on the EXECUTION operation under its real Id and answers Result ""', async () => {
    const backend = new InMemoryBackend();
    const { executionArn, event, requestId } = firstEvent(backend);
    const handler = durable(async () => "y".repeat(2_000), { limits: { maxResponseBytes: 1_000 } });
    const answer = await handler(event as never, lambdaContext);
    expect(answer).toEqual({ Status: "SUCCEEDED", Result: "" });
    const execId = executionArn.split("/").pop();
    const calls = backend.checkpointCalls(executionArn);
    const last = calls[calls.length - 1]!.updates;
    expect(last[last.length - 1]).toMatchObject({ Id: execId, Type: "EXECUTION", Action: "SUCCEED", Payload: JSON.stringify("y".repeat(2_000)) });
    backend.endInvocation(executionArn, requestId, answer as never);
    const execution = await backend.getDurableExecution({ DurableExecutionArn: executionArn });
    expect(execution.Status).toBe("SUCCEEDED");
    expect(execution.Result).toBe(JSON.stringify("y".repeat(2_000)));
  });

  it("a handler that throws ends FAILED with the error recorded losslessly", async () => {
    class OrderRejected extends Error {
      constructor(readonly orderId: string) {
        super(`order ${orderId} rejected`);
        this.name = "OrderRejected";
      }
    }
    const result = await runnerFor(
      durable(async () => {
        throw new OrderRejected("42");
      }),
    ).run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({ errorType: "OrderRejected", errorMessage: "order 42 rejected" });
    // The recorded stack is kept; the test view shows it through cause (the official view has no stack).
    expect(result.getError().cause?.stack).toContain("durable-execution.test.ts");
    expect(result.getError().cause).toMatchObject({ name: "OrderRejected", orderId: "42" });
  });

  it("prefers a client carried on the event over the configured one", async () => {
    const backend = new InMemoryBackend();
    const { event } = firstEvent(backend);
    const unusable = {
      checkpoint: async () => {
        throw new Error("configured client used");
      },
      getExecutionState: async () => {
        throw new Error("configured client used");
      },
    };
    const handler = durableExecution(async (_e, ctx) => ctx.step(async () => 5), { durableExecutionClient: unusable, logger: silentLogger });
    expect(await handler(event as never, lambdaContext)).toEqual({ Status: "SUCCEEDED", Result: "5" });
  });

  it("rejects client together with durableExecutionClient as TRANSPORT_CONFLICT", () => {
    const transport = { checkpoint: async () => ({}) as never, getExecutionState: async () => ({}) as never };
    expect(() => durableExecution(async () => 1, { client: {} as never, durableExecutionClient: transport })).toThrow(ConfigError);
    expect(() => durableExecution(async () => 1, { client: {} as never, durableExecutionClient: transport })).toThrow(/either client or durableExecutionClient/);
  });

  it("a PayloadTooLargeError names the step and both sizes, and ends the execution FAILED", async () => {
    const result = await runnerFor(durable(async (_e, ctx) => ctx.step("huge", async () => "z".repeat(300_000)))).run();
    expect(result.getStatus()).toBe("FAILED");
    const error = result.getError();
    expect(error.errorType).toBe("PayloadTooLargeError");
    expect(error.errorMessage).toContain('step "huge"');
    expect(error.errorMessage).toContain("300002");
    expect(error.errorMessage).toContain("262144");
    expect(result.getInvocations()).toHaveLength(1);
  });
});
