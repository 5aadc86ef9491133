import { describe, expect, it } from "vitest";
import { T0, openInvocation, startCallback, u } from "./test-support.js";

const op = (env: ReturnType<typeof openInvocation>, id = "cb") => env.backend.getOperations(env.arn).find((o) => o.Id === id)!;

describe("callback timers", () => {
  it("TimeoutSeconds: TIMED_OUT at exactly start + timeout with a CallbackTimeout error", async () => {
    const env = openInvocation();
    await env.backend.clock.advance({ milliseconds: 500 });
    await startCallback(env, "cb", { TimeoutSeconds: 30 });
    env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
    const due = T0.getTime() + 500 + 30_000;
    expect(env.backend.nextWakeUpMs(env.arn)).toBe(due);
    await env.backend.clock.advanceTo(due - 1);
    expect(op(env).Status).toBe("STARTED");
    expect(env.backend.needsInvocation(env.arn)).toBe(false);
    await env.backend.clock.advanceTo(due);
    expect(op(env)).toMatchObject({
      Status: "TIMED_OUT",
      EndTimestamp: new Date(due),
      CallbackDetails: { Error: { ErrorType: "CallbackTimeout", ErrorMessage: expect.stringContaining("30 seconds") } },
    });
    expect(env.backend.needsInvocation(env.arn)).toBe(true);
    expect(env.backend.nextWakeUpMs(env.arn)).toBeUndefined();
  });

  it("HeartbeatTimeoutSeconds: times out without a heartbeat; each heartbeat re-arms the window from now", async () => {
    const env = openInvocation();
    const id = await startCallback(env, "cb", { HeartbeatTimeoutSeconds: 10, TimeoutSeconds: 100 });
    expect(env.backend.nextWakeUpMs(env.arn)).toBe(T0.getTime() + 10_000);
    await env.backend.clock.advanceTo(T0.getTime() + 6_000);
    await env.backend.sendDurableExecutionCallbackHeartbeat({ CallbackId: id });
    expect(env.backend.nextWakeUpMs(env.arn)).toBe(T0.getTime() + 16_000);
    await env.backend.clock.advanceTo(T0.getTime() + 15_999);
    await env.backend.sendDurableExecutionCallbackHeartbeat({ CallbackId: id });
    await env.backend.clock.advanceTo(T0.getTime() + 25_998);
    expect(op(env).Status).toBe("STARTED");
    await env.backend.clock.advanceTo(T0.getTime() + 25_999);
    expect(op(env)).toMatchObject({
      Status: "TIMED_OUT",
      EndTimestamp: new Date(T0.getTime() + 25_999),
      CallbackDetails: { Error: { ErrorType: "CallbackHeartbeatTimeout", ErrorMessage: expect.stringContaining("heartbeat") } },
    });
    expect(env.backend.nextWakeUpMs(env.arn)).toBeUndefined(); // the overall timeout went with it
  });

  it("a heartbeat without a heartbeat timeout is accepted and arms nothing", async () => {
    const env = openInvocation();
    const id = await startCallback(env);
    await expect(env.backend.sendDurableExecutionCallbackHeartbeat({ CallbackId: id })).resolves.toHaveProperty("$metadata");
    expect(env.backend.nextWakeUpMs(env.arn)).toBeUndefined();
  });

  it("completion cancels both timers", async () => {
    const env = openInvocation();
    const id = await startCallback(env, "cb", { HeartbeatTimeoutSeconds: 5, TimeoutSeconds: 10 });
    await env.backend.sendDurableExecutionCallbackSuccess({ CallbackId: id });
    expect(env.backend.nextWakeUpMs(env.arn)).toBeUndefined();
    await env.backend.clock.advance({ seconds: 20 });
    expect(op(env)).toMatchObject({ Status: "SUCCEEDED", CallbackDetails: { CallbackId: id } });
    expect(op(env).CallbackDetails!.Result).toBeUndefined();
  });

  it("nextWakeUpMs filters by timer kind (default: all)", async () => {
    const env = openInvocation();
    await env.checkpoint([
      u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 30 } }),
      u("STEP", "RETRY", "s", { StepOptions: { NextAttemptDelaySeconds: 20 } }),
      u("CALLBACK", "START", "cb", { CallbackOptions: { TimeoutSeconds: 10, HeartbeatTimeoutSeconds: 5 } }),
    ]);
    const at = (s: number) => T0.getTime() + s * 1000;
    expect(env.backend.nextWakeUpMs(env.arn)).toBe(at(5));
    expect(env.backend.nextWakeUpMs(env.arn, { kinds: ["callback-timeout"] })).toBe(at(10));
    expect(env.backend.nextWakeUpMs(env.arn, { kinds: ["wait", "retry"] })).toBe(at(20));
    expect(env.backend.nextWakeUpMs(env.arn, { kinds: ["wait"] })).toBe(at(30));
    expect(env.backend.nextWakeUpMs(env.arn, { kinds: [] })).toBeUndefined();
  });
});

describe("callbacks and invocations", () => {
  it("a callback completed during an open invocation reaches its next checkpoint delta; needsInvocation only once it ends", async () => {
    const env = openInvocation();
    const id = await startCallback(env);
    await env.backend.sendDurableExecutionCallbackSuccess({ CallbackId: id, Result: '"yes"' });
    expect(env.backend.needsInvocation(env.arn)).toBe(false);
    const poll = await env.checkpoint([]);
    expect(poll.NewExecutionState!.Operations).toEqual([
      expect.objectContaining({ Id: "cb", Status: "SUCCEEDED", CallbackDetails: { CallbackId: id, Result: '"yes"' } }),
    ]);
    expect((await env.checkpoint([])).NewExecutionState!.Operations).toEqual([]);
    env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
    expect(env.backend.needsInvocation(env.arn)).toBe(true);
    const { event } = env.backend.beginInvocation(env.arn);
    expect(event.InitialExecutionState.Operations.find((o) => o.Id === "cb")!.Status).toBe("SUCCEEDED");
  });

  it("a STARTED callback counts as pending work for a PENDING answer", async () => {
    const env = openInvocation();
    await startCallback(env);
    expect(env.backend.hasPendingOperations(env.arn)).toBe(true);
    env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
    expect(env.backend.isRunning(env.arn)).toBe(true);
    expect(env.backend.needsInvocation(env.arn)).toBe(false);
  });

  it("records CallbackStarted / Succeeded / Failed / TimedOut history events", async () => {
    const env = openInvocation();
    const a = await startCallback(env, "a", { TimeoutSeconds: 9, HeartbeatTimeoutSeconds: 4 });
    const b = await startCallback(env, "b");
    await startCallback(env, "c", { TimeoutSeconds: 2 });
    await env.backend.sendDurableExecutionCallbackSuccess({ CallbackId: a, Result: '"r"' });
    await env.backend.sendDurableExecutionCallbackFailure({ CallbackId: b, Error: { ErrorType: "E", StackTrace: ["at x"] } });
    await env.backend.clock.advance({ seconds: 2 });
    const { Events } = await env.backend.getDurableExecutionHistory({ DurableExecutionArn: env.arn });
    const callbackEvents = Events!.filter((e) => e.EventType!.startsWith("Callback"));
    expect(callbackEvents.map((e) => `${e.EventType}:${e.Id}`)).toEqual([
      "CallbackStarted:a",
      "CallbackStarted:b",
      "CallbackStarted:c",
      "CallbackSucceeded:a",
      "CallbackFailed:b",
      "CallbackTimedOut:c",
    ]);
    expect(callbackEvents[0]!.CallbackStartedDetails).toEqual({ CallbackId: a, Timeout: 9, HeartbeatTimeout: 4 });
    expect(callbackEvents[1]!.CallbackStartedDetails).toEqual({ CallbackId: b });
    expect(callbackEvents[3]!.CallbackSucceededDetails).toEqual({ Result: { Payload: '"r"', Truncated: false } });
    expect(callbackEvents[4]!.CallbackFailedDetails).toEqual({ Error: { Payload: { ErrorType: "E" }, Truncated: false } });
    expect(callbackEvents[5]).toMatchObject({
      EventTimestamp: new Date(T0.getTime() + 2000),
      CallbackTimedOutDetails: { Error: { Payload: { ErrorType: "CallbackTimeout" }, Truncated: false } },
    });
  });
});
