import { describe, expect, it } from "vitest";
import { InMemoryBackend } from "./in-memory-backend.js";
import { T0, invalidParam, openInvocation, u } from "./test-support.js";

describe("service timers on the virtual clock", () => {
  it("a WAIT completes at exactly start + WaitSeconds, then the execution needs an invocation", async () => {
    const env = openInvocation();
    await env.backend.clock.advance({ milliseconds: 250 });
    await env.checkpoint([u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 30 } })]);
    env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
    const due = T0.getTime() + 250 + 30_000;
    expect(env.backend.nextWakeUpMs(env.arn)).toBe(due);
    await env.backend.clock.advanceTo(due - 1);
    expect(env.backend.getOperations(env.arn)[1]!.Status).toBe("STARTED");
    expect(env.backend.needsInvocation(env.arn)).toBe(false);
    await env.backend.clock.advanceTo(due);
    expect(env.backend.getOperations(env.arn)[1]).toMatchObject({ Status: "SUCCEEDED", EndTimestamp: new Date(due) });
    expect(env.backend.needsInvocation(env.arn)).toBe(true);
    expect(env.backend.nextWakeUpMs(env.arn)).toBeUndefined();
    const { event } = env.backend.beginInvocation(env.arn);
    expect(event.InitialExecutionState.Operations[1]!.Status).toBe("SUCCEEDED");
    expect(env.backend.needsInvocation(env.arn)).toBe(false);
  });

  it("a STEP retry becomes READY at NextAttemptTimestamp and clears it", async () => {
    const env = openInvocation();
    await env.checkpoint([u("STEP", "START", "s"), u("STEP", "RETRY", "s", { Error: { ErrorMessage: "e" }, StepOptions: { NextAttemptDelaySeconds: 7 } })]);
    env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
    expect(await env.backend.clock.advanceToNext()).toBe(true);
    expect(env.backend.clock.nowMs()).toBe(T0.getTime() + 7000);
    const op = env.backend.getOperations(env.arn)[1]!;
    expect(op.Status).toBe("READY");
    expect(op.StepDetails).toEqual({ Attempt: 1, Error: { ErrorMessage: "e" } });
    expect(env.backend.needsInvocation(env.arn)).toBe(true);
  });

  it("an op that became ready during an invocation makes needsInvocation true as soon as it ends PENDING", async () => {
    const env = openInvocation();
    await env.checkpoint([u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 1 } }), u("WAIT", "START", "w2", { WaitOptions: { WaitSeconds: 100 } })]);
    await env.backend.clock.advance({ seconds: 1 });
    expect(env.backend.needsInvocation(env.arn)).toBe(false); // invocation still open
    env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
    expect(env.backend.needsInvocation(env.arn)).toBe(true);
  });

  it("PENDING is accepted when the only wait already ended during the invocation", async () => {
    const env = openInvocation();
    await env.checkpoint([u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 1 } })]);
    await env.backend.clock.advance({ seconds: 1 });
    env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
    expect((await env.backend.getDurableExecution({ DurableExecutionArn: env.arn })).Status).toBe("RUNNING");
    expect(env.backend.needsInvocation(env.arn)).toBe(true);
  });

  it("timers of several operations fire in timestamp order", async () => {
    const env = openInvocation();
    await env.checkpoint([
      u("WAIT", "START", "late", { WaitOptions: { WaitSeconds: 20 } }),
      u("WAIT", "START", "early", { WaitOptions: { WaitSeconds: 10 } }),
      u("STEP", "RETRY", "mid", { StepOptions: { NextAttemptDelaySeconds: 15 } }),
    ]);
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      await env.backend.clock.advanceToNext();
      const poll = await env.checkpoint([]);
      seen.push(...poll.NewExecutionState!.Operations!.map((o) => `${o.Id}:${o.Status}`));
    }
    expect(seen).toEqual(["early:SUCCEEDED", "mid:READY", "late:SUCCEEDED"]);
  });

  it("the execution times out after executionTimeoutSeconds: TIMED_OUT, timers dropped, checkpoints rejected", async () => {
    const env = openInvocation({ executionTimeoutSeconds: 60 });
    await env.checkpoint([u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 120 } })]);
    await env.backend.clock.advance({ seconds: 60 });
    const exec = await env.backend.getDurableExecution({ DurableExecutionArn: env.arn });
    expect(exec).toMatchObject({ Status: "TIMED_OUT", EndTimestamp: new Date(T0.getTime() + 60_000), Error: { ErrorType: "ExecutionTimedOut" } });
    expect(env.backend.getOperations(env.arn)[0]!.Status).toBe("TIMED_OUT");
    expect(env.backend.clock.nextDueMs()).toBeUndefined();
    await expect(env.checkpoint([])).rejects.toMatchObject(invalidParam("Invalid checkpoint token"));
    env.backend.endInvocation(env.arn, env.requestId, { Status: "SUCCEEDED" });
    expect((await env.backend.getDurableExecution({ DurableExecutionArn: env.arn })).Status).toBe("TIMED_OUT");
    expect(env.backend.needsInvocation(env.arn)).toBe(false);
  });

  it("validates executionTimeoutSeconds", () => {
    expect(() => new InMemoryBackend({ executionTimeoutSeconds: 0 })).toThrow(RangeError);
    expect(() => new InMemoryBackend({ executionTimeoutSeconds: 31_622_401 })).toThrow(RangeError);
  });

  it("a real-time backend fires waits on the wall clock", async () => {
    const backend = new InMemoryBackend({ skipTime: false });
    expect(backend.clock.skipping).toBe(false);
    const { executionArn } = backend.startExecution({});
    const { requestId, event } = backend.beginInvocation(executionArn);
    await backend.checkpointDurableExecution({
      DurableExecutionArn: executionArn,
      CheckpointToken: event.CheckpointToken,
      Updates: [u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 1 } })],
    });
    backend.endInvocation(executionArn, requestId, { Status: "PENDING" });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(backend.needsInvocation(executionArn)).toBe(true);
  });
});
