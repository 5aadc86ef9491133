import type { Operation } from "@aws-sdk/client-lambda";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BackendStateError } from "./errors.js";
import { InMemoryBackend } from "./in-memory-backend.js";
import { T0, openInvocation, u } from "./test-support.js";

afterEach(() => vi.restoreAllMocks());

function record(env: ReturnType<typeof openInvocation>) {
  const ops: string[] = [];
  const executions: string[] = [];
  env.backend.onOperationChange((arn, op) => {
    expect(arn).toBe(env.arn);
    ops.push(`${op.Type === "EXECUTION" ? "EXECUTION" : op.Id}:${op.Status}`);
  });
  env.backend.onExecutionChange((arn, status) => executions.push(`${arn === env.arn ? "exec" : arn}:${status}`));
  return { ops, executions };
}

describe("onOperationChange / onExecutionChange", () => {
  it("fire for checkpoint updates once the whole request is applied, each with its own copy", async () => {
    const env = openInvocation();
    const copies: Operation[] = [];
    const statusesAtDelivery: string[] = [];
    env.backend.onOperationChange((_, op) => {
      copies.push(op);
      statusesAtDelivery.push(env.backend.getOperations(env.arn).find((o) => o.Id === op.Id)!.Status!);
      op.Status = "FAILED"; // must not reach the backend or other listeners
    });
    const other: string[] = [];
    env.backend.onOperationChange((_, op) => other.push(`${op.Id}:${op.Status}`));
    await env.checkpoint([u("STEP", "START", "s"), u("STEP", "SUCCEED", "s", { Payload: "1" }), u("CONTEXT", "START", "c")]);
    expect(other).toEqual(["s:STARTED", "s:SUCCEEDED", "c:STARTED"]);
    expect(statusesAtDelivery).toEqual(["SUCCEEDED", "SUCCEEDED", "STARTED"]); // the batch was fully applied first
    expect(copies[1]).toMatchObject({ Id: "s", StepDetails: { Result: "1" } });
    expect(env.backend.getOperations(env.arn)[1]!.Status).toBe("SUCCEEDED");
  });

  it("fire for timers, callbacks, chained invoke completion and the execution's end; unsubscribe stops them", async () => {
    const env = openInvocation();
    const { ops, executions } = record(env);
    const response = await env.checkpoint([
      u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 5 } }),
      u("STEP", "RETRY", "s", { StepOptions: { NextAttemptDelaySeconds: 3 } }),
      u("CALLBACK", "START", "cb"),
      u("CALLBACK", "START", "late", { CallbackOptions: { TimeoutSeconds: 10 } }),
      u("CHAINED_INVOKE", "START", "ci", { ChainedInvokeOptions: { FunctionName: "f" } }),
    ]);
    const callbackId = response.NewExecutionState!.Operations!.find((o) => o.Id === "cb")!.CallbackDetails!.CallbackId!;
    expect(ops.splice(0)).toEqual(["w:STARTED", "s:PENDING", "cb:STARTED", "late:STARTED", "ci:STARTED"]);
    await env.backend.clock.advance({ seconds: 5 });
    expect(ops.splice(0)).toEqual(["s:READY", "w:SUCCEEDED"]);
    await env.backend.sendDurableExecutionCallbackSuccess({ CallbackId: callbackId, Result: "1" });
    env.backend.completeChainedInvoke(env.arn, "ci", { status: "SUCCEEDED" });
    await env.backend.clock.advance({ seconds: 5 });
    expect(ops.splice(0)).toEqual(["cb:SUCCEEDED", "ci:SUCCEEDED", "late:TIMED_OUT"]);
    expect(executions).toEqual([]);
    await env.checkpoint([u("EXECUTION", "SUCCEED", env.executionId, { Payload: '"done"' })]);
    expect(ops.splice(0)).toEqual(["EXECUTION:SUCCEEDED"]);
    expect(executions).toEqual(["exec:SUCCEEDED"]);
  });

  it("report the EXECUTION op on start and every way an execution ends", async () => {
    const backend = new InMemoryBackend({ startTime: T0, executionTimeoutSeconds: 60 });
    const seen: string[] = [];
    const offOp = backend.onOperationChange((_, op) => seen.push(`op:${op.Type}:${op.Status}`));
    const offExec = backend.onExecutionChange((_, status) => seen.push(`exec:${status}`));
    const a = backend.startExecution({ executionName: "a" }).executionArn;
    const b = backend.startExecution({ executionName: "b" }).executionArn;
    const c = backend.startExecution({ executionName: "c" }).executionArn;
    await backend.stopDurableExecution({ DurableExecutionArn: a });
    backend.failExecution(b, { ErrorType: "GaveUp" });
    await backend.clock.advance({ seconds: 60 });
    expect(backend.isRunning(c)).toBe(false);
    expect(seen).toEqual([
      "op:EXECUTION:STARTED",
      "op:EXECUTION:STARTED",
      "op:EXECUTION:STARTED",
      "op:EXECUTION:STOPPED",
      "exec:STOPPED",
      "op:EXECUTION:FAILED",
      "exec:FAILED",
      "op:EXECUTION:TIMED_OUT",
      "exec:TIMED_OUT",
    ]);
    offOp();
    offExec();
    const d = backend.startExecution({ executionName: "d" }).executionArn;
    backend.failExecution(d, {});
    expect(seen).toHaveLength(9);
  });

  it("a throwing listener does not fail the call; its error is rethrown on a microtask", async () => {
    const thrown: (() => void)[] = [];
    vi.spyOn(globalThis, "queueMicrotask").mockImplementation((fn) => void thrown.push(fn));
    const env = openInvocation();
    const after: string[] = [];
    env.backend.onOperationChange(() => {
      throw new Error("listener broke");
    });
    env.backend.onOperationChange((_, op) => after.push(op.Id!));
    await expect(env.checkpoint([u("STEP", "START", "s")])).resolves.toHaveProperty("CheckpointToken");
    expect(after).toEqual(["s"]);
    expect(thrown).toHaveLength(1);
    expect(() => thrown[0]!()).toThrow("listener broke");
  });

  it("rejects a listener that is not a function", () => {
    const backend = new InMemoryBackend();
    expect(() => backend.onOperationChange(42 as never)).toThrow(TypeError);
  });
});

describe("driver timers (scheduleTimer)", () => {
  it("count in nextWakeUpMs under their kind, fire on the clock, and can be cancelled", async () => {
    const env = openInvocation();
    env.backend.endInvocation(env.arn, env.requestId, { thrown: new Error("crash") });
    const fired: number[] = [];
    const handle = env.backend.scheduleTimer(env.arn, "invocation-retry", T0.getTime() + 5000, () => fired.push(env.backend.clock.nowMs()));
    expect(handle.atMs).toBe(T0.getTime() + 5000);
    expect(env.backend.nextWakeUpMs(env.arn)).toBe(T0.getTime() + 5000);
    expect(env.backend.nextWakeUpMs(env.arn, { kinds: ["wait"] })).toBeUndefined();
    await env.backend.clock.advanceToNext();
    expect(fired).toEqual([T0.getTime() + 5000]);
    expect(env.backend.nextWakeUpMs(env.arn)).toBeUndefined();
    const cancelled = env.backend.scheduleTimer(env.arn, "invocation-retry", T0.getTime() + 9000, () => fired.push(-1));
    cancelled.cancel();
    expect(env.backend.nextWakeUpMs(env.arn)).toBeUndefined();
    await env.backend.clock.advance({ seconds: 10 });
    expect(fired).toHaveLength(1);
  });

  it("are dropped when the execution ends, refused once it ended, and check their kind", async () => {
    const env = openInvocation();
    env.backend.scheduleTimer(env.arn, "invocation-retry", T0.getTime() + 5000, () => {
      throw new Error("must not fire");
    });
    expect(() => env.backend.scheduleTimer(env.arn, "nap" as never, T0.getTime(), () => {})).toThrow(TypeError);
    await env.backend.stopDurableExecution({ DurableExecutionArn: env.arn });
    expect(env.backend.nextWakeUpMs(env.arn)).toBeUndefined();
    await env.backend.clock.advance({ seconds: 10 });
    expect(() => env.backend.scheduleTimer(env.arn, "invocation-retry", T0.getTime() + 20_000, () => {})).toThrow(BackendStateError);
  });
});
