/**
 * The backend copies only at its boundary (see copy.ts): whatever a caller passed in, or got
 * back, may be changed by the caller afterwards without changing what the backend holds.
 */
import type { ErrorObject, Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copy } from "./copy.js";
import { InMemoryBackend } from "./in-memory-backend.js";
import { T0, openInvocation, startCallback, u } from "./test-support.js";

type Env = ReturnType<typeof openInvocation>;

/** Changes every member of `value` in place, all the way down: what a careless caller might do. */
function scramble(value: unknown, seen = new Set<object>()): void {
  if (typeof value !== "object" || value === null || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Date) {
    value.setTime(0);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) scramble(item, seen);
    value.push("scrambled");
    return;
  }
  const record = value as Record<string, unknown>;
  for (const [key, member] of Object.entries(record)) {
    if (typeof member === "string") record[key] = "scrambled";
    else if (typeof member === "number") record[key] = -1;
    else if (typeof member === "boolean") record[key] = !member;
    else scramble(member, seen);
  }
  record.Scrambled = true;
}

/** Everything the backend holds about an execution that a caller can read back. */
async function holdings(env: Env) {
  const { backend, arn } = env;
  const { $metadata: _ignored, ...execution } = await backend.getDurableExecution({ DurableExecutionArn: arn });
  const history = await backend.getDurableExecutionHistory({ DurableExecutionArn: arn, MaxItems: 1000 });
  return {
    operations: backend.getOperations(arn),
    invocations: backend.getInvocations(arn),
    calls: backend.checkpointCalls(arn).map(({ updates, response }) => ({ updates, response })),
    history: history.Events,
    execution,
  };
}

const failure = (): ErrorObject => ({ ErrorType: "Declined", ErrorMessage: "card declined", StackTrace: ["at charge (pay.ts:1:1)"] });

describe("copy at the boundary", () => {
  it("a caller changing the updates it checkpointed changes neither the operations, the history nor the request log", async () => {
    const env = openInvocation();
    const updates: OperationUpdate[] = [
      u("STEP", "START", "s1", { Name: "charge", SubType: "Step" }),
      u("STEP", "RETRY", "s1", { Error: failure(), StepOptions: { NextAttemptDelaySeconds: 5 } }),
      u("WAIT", "START", "w1", { WaitOptions: { WaitSeconds: 60 } }),
    ];
    await env.checkpoint(updates);
    const before = await holdings(env);
    scramble(updates);
    expect(await holdings(env)).toEqual(before);
    expect(before.operations.find((op) => op.Id === "s1")?.StepDetails?.Error).toEqual(failure());
  });

  it("a caller changing a checkpoint response, its operations and their Dates changes nothing stored", async () => {
    const env = openInvocation();
    const response = await env.checkpoint([u("STEP", "START", "s1", { Name: "a" }), u("STEP", "SUCCEED", "s1", { Payload: "42" })]);
    expect(response.NewExecutionState?.Operations?.[0]).toMatchObject({ Id: "s1", Status: "SUCCEEDED", StepDetails: { Result: "42" } });
    const before = await holdings(env);
    scramble(response);
    expect(await holdings(env)).toEqual(before);
  });

  it("a repeated request (same ClientToken) gets the first response as sent, whatever the caller did to it", async () => {
    const env = openInvocation();
    const token = env.token();
    const request = { DurableExecutionArn: env.arn, CheckpointToken: token, ClientToken: "once", Updates: [u("STEP", "SUCCEED", "s1", { Payload: "1" })] };
    const first = await env.backend.checkpointDurableExecution(request);
    const sent = copy(first);
    scramble(first);
    const again = await env.backend.checkpointDurableExecution({ ...request, Updates: [u("STEP", "SUCCEED", "s1", { Payload: "1" })] });
    expect(again).toEqual(sent);
  });

  it("a caller changing the invocation event or a state page changes neither the operations nor later pages", async () => {
    const backend = new InMemoryBackend({ startTime: T0, initialPageSize: 1 });
    const { executionArn: arn } = backend.startExecution({ input: "{}" });
    const first = backend.beginInvocation(arn);
    await backend.checkpointDurableExecution({
      DurableExecutionArn: arn,
      CheckpointToken: first.event.CheckpointToken,
      Updates: [u("STEP", "SUCCEED", "s1", { Payload: "1" }), u("WAIT", "START", "w1", { WaitOptions: { WaitSeconds: 60 } })],
    });
    backend.endInvocation(arn, first.requestId, { Status: "PENDING" });
    const operations = backend.getOperations(arn);
    const { event } = backend.beginInvocation(arn);
    const page = await backend.getDurableExecutionState({
      DurableExecutionArn: arn,
      CheckpointToken: event.CheckpointToken,
      Marker: event.InitialExecutionState.NextMarker,
    });
    expect([...event.InitialExecutionState.Operations, ...(page.Operations ?? [])]).toEqual(operations);
    scramble(event);
    scramble(page);
    expect(backend.getOperations(arn)).toEqual(operations);
  });

  it("a caller changing what getOperations, getOperation, getInvocations, checkpointCalls or the history returned changes nothing stored", async () => {
    const env = openInvocation();
    await env.checkpoint([u("STEP", "START", "s1"), u("STEP", "FAIL", "s1", { Error: failure() })]);
    const before = await holdings(env);
    scramble(await holdings(env));
    scramble(env.backend.getOperation(env.arn, "s1"));
    expect(await holdings(env)).toEqual(before);
  });

  it("the ended invocation endInvocation returns is a copy", async () => {
    const env = openInvocation();
    const ended = env.backend.endInvocation(env.arn, env.requestId, { thrown: new Error("boom") });
    expect(ended).toMatchObject({ requestId: env.requestId, status: "THROWN", error: { ErrorType: "Error", ErrorMessage: "boom" } });
    const before = env.backend.getInvocations(env.arn);
    scramble(ended);
    expect(env.backend.getInvocations(env.arn)).toEqual(before);
  });

  it("a handler changing the Error of its FAILED answer after answering changes neither the execution's nor the invocation's Error", async () => {
    const env = openInvocation();
    const answer = { Status: "FAILED", Error: failure() };
    env.backend.endInvocation(env.arn, env.requestId, answer);
    const before = await holdings(env);
    scramble(answer);
    expect(await holdings(env)).toEqual(before);
    expect(before.execution.Error).toEqual(failure());
  });

  it("errors a caller passes to stop, fail, callback failure and chained-invoke completion are held as copies", async () => {
    const env = openInvocation();
    const callbackError = failure();
    await env.backend.sendDurableExecutionCallbackFailure({ CallbackId: await startCallback(env, "cb"), Error: callbackError });
    const invokeError = failure();
    await env.checkpoint([u("CHAINED_INVOKE", "START", "ci", { ChainedInvokeOptions: { FunctionName: "other" } })]);
    env.backend.completeChainedInvoke(env.arn, "ci", { status: "FAILED", error: invokeError });
    const stopError = failure();
    await env.backend.stopDurableExecution({ DurableExecutionArn: env.arn, Error: stopError });
    const before = await holdings(env);
    scramble([callbackError, invokeError, stopError]);
    expect(await holdings(env)).toEqual(before);

    const other = openInvocation();
    const failError = failure();
    other.backend.failExecution(other.arn, failError);
    const failed = await holdings(other);
    scramble(failError);
    expect(await holdings(other)).toEqual(failed);
  });

  it("each operation listener gets its own copy: one listener changing it changes neither the stored operation nor what the next listener sees", async () => {
    const env = openInvocation();
    const seen: Operation[] = [];
    env.backend.onOperationChange((_arn, op) => scramble(op));
    env.backend.onOperationChange((_arn, op) => seen.push(op));
    await env.checkpoint([u("STEP", "START", "s1", { Name: "a" }), u("STEP", "SUCCEED", "s1", { Payload: "7" })]);
    expect(seen.at(-1)).toMatchObject({ Id: "s1", Name: "a", Status: "SUCCEEDED", StepDetails: { Result: "7" } });
    expect(env.backend.getOperation(env.arn, "s1")).toEqual(seen.at(-1));
  });

  it("operation status listeners get identity and status only, frozen", async () => {
    const env = openInvocation();
    const changes: unknown[] = [];
    env.backend.onOperationStatus((arn, change) => {
      expect(Object.isFrozen(change)).toBe(true);
      changes.push({ arn, ...change });
    });
    await env.checkpoint([u("STEP", "START", "s1", { Name: "a", SubType: "Step" }), u("STEP", "SUCCEED", "s1", { Payload: "7" })]);
    expect(changes).toEqual([
      { arn: env.arn, Id: "s1", Type: "STEP", Status: "STARTED", Name: "a", SubType: "Step" },
      { arn: env.arn, Id: "s1", Type: "STEP", Status: "SUCCEEDED", Name: "a", SubType: "Step" },
    ]);
  });
});

describe("copy", () => {
  const json = fc.jsonValue();
  const withDates = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      json,
      fc.date({ noInvalidDate: true }),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
    ),
  })).value;

  it("returns an equal value that shares no object with the original", () => {
    fc.assert(
      fc.property(withDates, (value) => {
        const copied = copy(value);
        expect(copied).toEqual(value);
        const originals = new Set<unknown>();
        const collect = (v: unknown) => {
          if (typeof v !== "object" || v === null) return;
          originals.add(v);
          if (!(v instanceof Date)) for (const member of Object.values(v)) collect(member);
        };
        collect(value);
        const shares = (v: unknown): boolean => typeof v === "object" && v !== null && (originals.has(v) || (!(v instanceof Date) && Object.values(v).some(shares)));
        expect(shares(copied)).toBe(false);
      }),
    );
  });

  it("copies bytes through structuredClone", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const copied = copy({ bytes });
    expect(copied.bytes).toEqual(bytes);
    expect(copied.bytes).not.toBe(bytes);
  });
});
