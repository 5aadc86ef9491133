import { describe, expect, it } from "vitest";
import { BackendStateError } from "./errors.js";
import { InMemoryBackend } from "./in-memory-backend.js";
import { PENDING_WITHOUT_WORK } from "./invocations.js";
import { T0, openInvocation, u } from "./test-support.js";

const status = async (env: ReturnType<typeof openInvocation>) => (await env.backend.getDurableExecution({ DurableExecutionArn: env.arn })).Status;

describe("invocations", () => {
  it("never opens two invocations of one execution, and never invokes a terminal one", async () => {
    const env = openInvocation();
    expect(() => env.backend.beginInvocation(env.arn)).toThrow(BackendStateError);
    env.backend.endInvocation(env.arn, env.requestId, { Status: "SUCCEEDED", Result: "1" });
    expect(() => env.backend.beginInvocation(env.arn)).toThrow(/SUCCEEDED/);
    expect(() => env.backend.endInvocation(env.arn, env.requestId, { Status: "SUCCEEDED" })).toThrow(/already ended/);
  });

  it("SUCCEEDED ends the execution with Result", async () => {
    const env = openInvocation();
    await env.backend.clock.advance({ seconds: 3 });
    env.backend.endInvocation(env.arn, env.requestId, { Status: "SUCCEEDED", Result: '{"ok":true}' });
    const exec = await env.backend.getDurableExecution({ DurableExecutionArn: env.arn });
    expect(exec).toMatchObject({ Status: "SUCCEEDED", Result: '{"ok":true}', InputPayload: '{"orderId":42}', EndTimestamp: new Date(T0.getTime() + 3000) });
    expect(env.backend.getOperations(env.arn)[0]).toMatchObject({ Status: "SUCCEEDED", EndTimestamp: new Date(T0.getTime() + 3000) });
    expect(env.backend.getInvocations(env.arn)).toEqual([
      { requestId: env.requestId, startTimestamp: T0, endTimestamp: new Date(T0.getTime() + 3000), status: "SUCCEEDED" },
    ]);
  });

  it("SUCCEEDED without Result takes the EXECUTION SUCCEED payload, if any", async () => {
    const plain = openInvocation();
    plain.backend.endInvocation(plain.arn, plain.requestId, { Status: "SUCCEEDED" });
    expect((await plain.backend.getDurableExecution({ DurableExecutionArn: plain.arn })).Result).toBeUndefined();
  });

  it("FAILED ends the execution with Error", async () => {
    const env = openInvocation();
    env.backend.endInvocation(env.arn, env.requestId, { Status: "FAILED", Error: { ErrorType: "Boom", ErrorMessage: "bad" } });
    expect(await env.backend.getDurableExecution({ DurableExecutionArn: env.arn })).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "Boom", ErrorMessage: "bad" },
    });
  });

  it("PENDING with nothing pending fails the execution", async () => {
    const env = openInvocation();
    await env.checkpoint([u("STEP", "START", "s"), u("STEP", "SUCCEED", "s")]);
    env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
    expect(await env.backend.getDurableExecution({ DurableExecutionArn: env.arn })).toMatchObject({
      Status: "FAILED",
      Error: { ErrorMessage: PENDING_WITHOUT_WORK },
    });
  });

  it("PENDING with a STARTED WAIT or a PENDING/READY STEP keeps the execution running", async () => {
    for (const update of [u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 10 } }), u("STEP", "RETRY", "r", { StepOptions: { NextAttemptDelaySeconds: 10 } })]) {
      const env = openInvocation();
      await env.checkpoint([update]);
      env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
      expect(await status(env)).toBe("RUNNING");
      expect(env.backend.needsInvocation(env.arn)).toBe(false);
      expect(env.backend.nextWakeUpMs(env.arn)).toBe(T0.getTime() + 10_000);
    }
  });

  it("a throw is recorded as a failed invocation; the execution keeps running", async () => {
    const env = openInvocation();
    env.backend.endInvocation(env.arn, env.requestId, { thrown: new TypeError("network down") });
    expect(await status(env)).toBe("RUNNING");
    const inv = env.backend.getInvocations(env.arn)[0]!;
    expect(inv.status).toBe("THROWN");
    expect(inv.error).toMatchObject({ ErrorType: "TypeError", ErrorMessage: "network down" });
    expect(env.backend.needsInvocation(env.arn)).toBe(false);
    expect(() => env.backend.beginInvocation(env.arn)).not.toThrow();
  });

  it("a malformed answer with a Status counts as a failed invocation", async () => {
    for (const answer of [{ Status: "DONE" }, { Status: "SUCCEEDED", Result: 5 }]) {
      const env = openInvocation();
      env.backend.endInvocation(env.arn, env.requestId, answer as never);
      expect(await status(env)).toBe("RUNNING");
      expect(env.backend.getInvocations(env.arn)[0]).toMatchObject({ status: "THROWN", error: { ErrorType: "InvalidHandlerResponse" } });
    }
  });

  it("a first invocation answering like a plain handler fails the execution at once, saying to wrap it in durableExecution", async () => {
    for (const answer of [undefined, null, "SUCCEEDED", {}, { ok: true }, [1]]) {
      const env = openInvocation();
      env.backend.endInvocation(env.arn, env.requestId, answer as never);
      expect(await status(env)).toBe("FAILED");
      const execution = await env.backend.getDurableExecution({ DurableExecutionArn: env.arn });
      expect(execution.Error?.ErrorType).toBe("HandlerNotDurable");
      expect(execution.Error?.ErrorMessage).toContain("Wrap it with durableExecution(...)");
    }
  });

  it("a status-less answer after the first invocation is a failed invocation, not a verdict on the handler", async () => {
    const env = openInvocation();
    env.backend.endInvocation(env.arn, env.requestId, { thrown: new Error("cold start hiccup") });
    const second = env.backend.beginInvocation(env.arn);
    env.backend.endInvocation(env.arn, second.requestId, {} as never);
    expect(await status(env)).toBe("RUNNING");
    expect(env.backend.getInvocations(env.arn)[1]).toMatchObject({ status: "THROWN", error: { ErrorType: "InvalidHandlerResponse" } });
  });

  it("a Result over maxResponseBytes fails the invocation, not the execution", async () => {
    const env = openInvocation({ limits: { maxResponseBytes: 20 } });
    env.backend.endInvocation(env.arn, env.requestId, { Status: "SUCCEEDED", Result: "x".repeat(21) });
    expect(await status(env)).toBe("RUNNING");
    expect(env.backend.getInvocations(env.arn)[0]!.error?.ErrorType).toBe("ResponseSizeTooLarge");
  });

  it("failExecution ends a running execution (driver gave up re-invoking)", async () => {
    const env = openInvocation();
    env.backend.endInvocation(env.arn, env.requestId, { thrown: new Error("x") });
    env.backend.failExecution(env.arn, { ErrorType: "Error", ErrorMessage: "x" });
    expect(await status(env)).toBe("FAILED");
  });

  it("needsInvocation is true before the first invocation", () => {
    const backend = new InMemoryBackend();
    const { executionArn } = backend.startExecution({});
    expect(backend.needsInvocation(executionArn)).toBe(true);
    backend.beginInvocation(executionArn);
    expect(backend.needsInvocation(executionArn)).toBe(false);
  });
});

describe("executions", () => {
  it("a known name with the same input is the same execution; another input is rejected", () => {
    const backend = new InMemoryBackend();
    const a = backend.startExecution({ functionName: "orders", executionName: "order-42", input: "1" });
    expect(a.executionArn).toMatch(/function:orders:\$LATEST\/durable-execution\/order-42\//);
    expect(backend.startExecution({ functionName: "orders", executionName: "order-42", input: "1" })).toEqual(a);
    expect(() => backend.startExecution({ functionName: "orders", executionName: "order-42", input: "2" })).toThrow(
      expect.objectContaining({ name: "DurableExecutionAlreadyStartedException" }),
    );
    expect(() => backend.startExecution({ executionName: "bad name" })).toThrow(expect.objectContaining({ name: "InvalidParameterValueException" }));
  });

  it("getDurableExecution drops input and result without IncludeExecutionData", async () => {
    const env = openInvocation();
    env.backend.endInvocation(env.arn, env.requestId, { Status: "SUCCEEDED", Result: "1" });
    const out = await env.backend.getDurableExecution({ DurableExecutionArn: env.arn, IncludeExecutionData: false });
    expect(out).not.toHaveProperty("InputPayload");
    expect(out).not.toHaveProperty("Result");
    expect(out).toMatchObject({ ExecutionDataIncluded: false, DurableConfig: { ExecutionTimeout: 86_400 } });
    await expect(env.backend.getDurableExecution({ DurableExecutionArn: "arn:x" })).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("stopDurableExecution stops a running execution and drops its timers", async () => {
    const env = openInvocation();
    await env.checkpoint([u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 5 } })]);
    await env.backend.clock.advance({ seconds: 1 });
    const { StopTimestamp } = await env.backend.stopDurableExecution({ DurableExecutionArn: env.arn, Error: { ErrorMessage: "operator" } });
    expect(StopTimestamp).toEqual(new Date(T0.getTime() + 1000));
    expect(await env.backend.getDurableExecution({ DurableExecutionArn: env.arn })).toMatchObject({ Status: "STOPPED", Error: { ErrorMessage: "operator" } });
    expect(env.backend.clock.nextDueMs()).toBeUndefined();
    await expect(env.backend.stopDurableExecution({ DurableExecutionArn: env.arn })).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    // the open invocation's answer is ignored
    env.backend.endInvocation(env.arn, env.requestId, { Status: "SUCCEEDED" });
    expect(await status(env)).toBe("STOPPED");
  });
});
