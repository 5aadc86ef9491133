import type { Event } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { T0, invalidParam, openInvocation, u } from "./test-support.js";

const brief = (events: Event[]) =>
  events.map((e) => (e.Id && e.EventType !== "ExecutionStarted" && !e.EventType?.startsWith("Execution") ? `${e.EventType}:${e.Id}` : e.EventType));

async function scenario() {
  const env = openInvocation({ input: '{"n":1}' });
  await env.checkpoint([
    u("CONTEXT", "START", "c", { Name: "child", SubType: "RunInChildContext" }),
    u("STEP", "START", "s", { ParentId: "c", Name: "charge", SubType: "Step" }),
    u("STEP", "RETRY", "s", { Error: { ErrorType: "E", StackTrace: ["at x"] }, StepOptions: { NextAttemptDelaySeconds: 2 } }),
    u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 5 } }),
  ]);
  env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
  await env.backend.clock.advance({ seconds: 5 });
  const next = env.backend.beginInvocation(env.arn);
  await env.backend.checkpointDurableExecution({
    DurableExecutionArn: env.arn,
    CheckpointToken: next.event.CheckpointToken,
    Updates: [u("STEP", "START", "s"), u("STEP", "SUCCEED", "s", { Payload: '"paid"' }), u("CONTEXT", "SUCCEED", "c", { Payload: '"r"' })],
  });
  env.backend.endInvocation(env.arn, next.requestId, { Status: "SUCCEEDED", Result: '"done"' });
  return env;
}

describe("history", () => {
  it("records execution, context, step, wait and invocation events in order with EventIds 1..n", async () => {
    const env = await scenario();
    const { Events } = await env.backend.getDurableExecutionHistory({ DurableExecutionArn: env.arn });
    expect(brief(Events!)).toEqual([
      "ExecutionStarted",
      "ContextStarted:c",
      "StepStarted:s",
      "StepFailed:s",
      "WaitStarted:w",
      "InvocationCompleted",
      "WaitSucceeded:w",
      "StepStarted:s",
      "StepSucceeded:s",
      "ContextSucceeded:c",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
    expect(Events!.map((e) => e.EventId)).toEqual(Events!.map((_, i) => i + 1));
    const byType = (t: string) => Events!.filter((e) => e.EventType === t);
    expect(byType("ExecutionStarted")[0]).toMatchObject({
      Id: env.executionId,
      EventTimestamp: T0,
      ExecutionStartedDetails: { Input: { Payload: '{"n":1}', Truncated: false }, ExecutionTimeout: 86_400 },
    });
    expect(byType("StepFailed")[0]).toMatchObject({
      Name: "charge",
      SubType: "Step",
      ParentId: "c",
      StepFailedDetails: { Error: { Payload: { ErrorType: "E" }, Truncated: false }, RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 2 } },
    });
    expect(byType("StepFailed")[0]!.StepFailedDetails!.Error!.Payload).not.toHaveProperty("StackTrace");
    expect(byType("StepSucceeded")[0]!.StepSucceededDetails).toEqual({ Result: { Payload: '"paid"', Truncated: false }, RetryDetails: { CurrentAttempt: 2 } });
    expect(byType("WaitStarted")[0]!.WaitStartedDetails).toEqual({ Duration: 5, ScheduledEndTimestamp: new Date(T0.getTime() + 5000) });
    expect(byType("WaitSucceeded")[0]).toMatchObject({ EventTimestamp: new Date(T0.getTime() + 5000), WaitSucceededDetails: { Duration: 5 } });
    expect(byType("InvocationCompleted")[0]!.InvocationCompletedDetails).toMatchObject({ StartTimestamp: T0, EndTimestamp: T0, RequestId: env.requestId });
    expect(byType("ExecutionSucceeded")[0]!.ExecutionSucceededDetails).toEqual({ Result: { Payload: '"done"', Truncated: false } });
  });

  it("pages with MaxItems and Marker, forwards and in reverse", async () => {
    const env = await scenario();
    const all = (await env.backend.getDurableExecutionHistory({ DurableExecutionArn: env.arn, MaxItems: 1000 })).Events!;
    for (const reverse of [false, true]) {
      const seen: Event[] = [];
      let marker: string | undefined;
      do {
        const page = await env.backend.getDurableExecutionHistory({ DurableExecutionArn: env.arn, MaxItems: 5, Marker: marker, ReverseOrder: reverse });
        expect(page.Events!.length).toBeLessThanOrEqual(5);
        seen.push(...page.Events!);
        marker = page.NextMarker;
      } while (marker);
      expect(seen.map((e) => e.EventId)).toEqual((reverse ? [...all].reverse() : all).map((e) => e.EventId));
    }
    await expect(env.backend.getDurableExecutionHistory({ DurableExecutionArn: env.arn, Marker: "junk" })).rejects.toMatchObject(invalidParam("Marker"));
    await expect(env.backend.getDurableExecutionHistory({ DurableExecutionArn: env.arn, MaxItems: 1001 })).rejects.toMatchObject(invalidParam("MaxItems"));
  });

  it("IncludeExecutionData false drops payloads", async () => {
    const env = await scenario();
    const { Events } = await env.backend.getDurableExecutionHistory({ DurableExecutionArn: env.arn, IncludeExecutionData: false });
    const json = JSON.stringify(Events);
    expect(json).not.toContain("paid");
    expect(json).not.toContain('\\"n\\"');
    expect(Events![0]!.ExecutionStartedDetails).toEqual({ Input: { Truncated: false }, ExecutionTimeout: 86_400 });
  });

  it("records WaitCancelled, ContextFailed, ExecutionFailed / TimedOut / Stopped and thrown invocations", async () => {
    const env = openInvocation({ executionTimeoutSeconds: 10 });
    await env.checkpoint([u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 5 } }), u("CONTEXT", "FAIL", "c", { Error: { ErrorMessage: "bad" } })]);
    await env.checkpoint([u("WAIT", "CANCEL", "w")]);
    env.backend.endInvocation(env.arn, env.requestId, { thrown: new Error("boom") });
    await env.backend.clock.advance({ seconds: 10 });
    const types = (await env.backend.getDurableExecutionHistory({ DurableExecutionArn: env.arn })).Events!;
    expect(types.map((e) => e.EventType)).toEqual(["ExecutionStarted", "WaitStarted", "ContextFailed", "WaitCancelled", "InvocationCompleted", "ExecutionTimedOut"]);
    expect(types[4]!.InvocationCompletedDetails?.Error).toEqual({ Payload: { ErrorType: "Error", ErrorMessage: "boom" }, Truncated: false });
    expect(types[5]!.ExecutionTimedOutDetails?.Error?.Payload?.ErrorType).toBe("ExecutionTimedOut");

    const stopped = openInvocation();
    await stopped.backend.stopDurableExecution({ DurableExecutionArn: stopped.arn, Error: { ErrorMessage: "halt" } });
    const last = (await stopped.backend.getDurableExecutionHistory({ DurableExecutionArn: stopped.arn, ReverseOrder: true, MaxItems: 1 })).Events![0];
    expect(last).toMatchObject({ EventType: "ExecutionStopped", ExecutionStoppedDetails: { Error: { Payload: { ErrorMessage: "halt" } } } });

    const failed = openInvocation();
    failed.backend.endInvocation(failed.arn, failed.requestId, { Status: "FAILED", Error: { ErrorType: "X" } });
    const end = (await failed.backend.getDurableExecutionHistory({ DurableExecutionArn: failed.arn, ReverseOrder: true })).Events!;
    expect(end.map((e) => e.EventType)).toEqual(["ExecutionFailed", "InvocationCompleted", "ExecutionStarted"]);
  });
});
