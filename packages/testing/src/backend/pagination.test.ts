import type { Operation } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { InMemoryBackend } from "./in-memory-backend.js";
import { T0, invalidParam, openInvocation, u } from "./test-support.js";

const steps = (n: number, prefix = "s") => Array.from({ length: n }, (_, i) => u("STEP", "START", `${prefix}${i}`));

/** A backend whose execution holds `n` STEPs, between invocations. */
async function withOps(n: number, initialPageSize?: number) {
  const env = openInvocation({ initialPageSize });
  for (let i = 0; i < n; i += 500) await env.checkpoint(steps(Math.min(500, n - i), `s${i}-`));
  env.backend.endInvocation(env.arn, env.requestId, { thrown: new Error("crash") });
  return env;
}

async function readAll(backend: InMemoryBackend, arn: string, token: string, first: { Operations: Operation[]; NextMarker?: string }, maxItems?: number) {
  const all = [...first.Operations];
  let marker = first.NextMarker;
  let pages = 1;
  while (marker) {
    const page = await backend.getDurableExecutionState({ DurableExecutionArn: arn, CheckpointToken: token, Marker: marker, MaxItems: maxItems });
    all.push(...page.Operations!);
    marker = page.NextMarker;
    pages += 1;
  }
  return { all, pages };
}

describe("invocation event", () => {
  it("carries the EXECUTION op first, with Id = last ARN segment and the input", () => {
    const env = openInvocation({ input: '{"x":1}' });
    expect(env.arn).toMatch(/^arn:aws:lambda:us-east-1:123456789012:function:function:\$LATEST\/durable-execution\/[\w-]+\/[\w-]+$/);
    expect(env.event.DurableExecutionArn).toBe(env.arn);
    expect(env.event.InitialExecutionState).toEqual({
      Operations: [{ Id: env.executionId, Type: "EXECUTION", Status: "STARTED", StartTimestamp: T0, ExecutionDetails: { InputPayload: '{"x":1}' } }],
    });
  });

  it("is cut after initialPageSize ops; the rest pages through getDurableExecutionState", async () => {
    const env = await withOps(2500);
    const { event } = env.backend.beginInvocation(env.arn);
    expect(event.InitialExecutionState.Operations).toHaveLength(1000);
    expect(event.InitialExecutionState.NextMarker).toBeTruthy();
    const { all, pages } = await readAll(env.backend, env.arn, event.CheckpointToken, event.InitialExecutionState, 1000);
    expect(pages).toBe(3);
    expect(all.map((o) => o.Id)).toEqual(env.backend.getOperations(env.arn).map((o) => o.Id));
  });

  it("with initialPageSize 0 the first page is empty and even the EXECUTION op comes by paging", async () => {
    const env = await withOps(3, 0);
    const { event } = env.backend.beginInvocation(env.arn);
    expect(event.InitialExecutionState.Operations).toEqual([]);
    const { all } = await readAll(env.backend, env.arn, event.CheckpointToken, event.InitialExecutionState);
    expect(all[0]!.Type).toBe("EXECUTION");
    expect(all).toHaveLength(4);
  });

  it("has no NextMarker when everything fits", () => {
    const env = openInvocation();
    expect(env.event.InitialExecutionState).not.toHaveProperty("NextMarker");
  });
});

describe("getDurableExecutionState paging", () => {
  it("MaxItems 0 or absent means 100; at most 1000", async () => {
    const env = await withOps(250);
    const { event } = env.backend.beginInvocation(env.arn);
    const req = { DurableExecutionArn: env.arn, CheckpointToken: event.CheckpointToken };
    expect((await env.backend.getDurableExecutionState(req)).Operations).toHaveLength(100);
    expect((await env.backend.getDurableExecutionState({ ...req, MaxItems: 0 })).Operations).toHaveLength(100);
    expect((await env.backend.getDurableExecutionState({ ...req, MaxItems: 7 })).Operations).toHaveLength(7);
    const all = await env.backend.getDurableExecutionState({ ...req, MaxItems: 1000 });
    expect(all.Operations).toHaveLength(251);
    expect(all.NextMarker).toBeUndefined();
    await expect(env.backend.getDurableExecutionState({ ...req, MaxItems: 1001 })).rejects.toMatchObject(invalidParam("MaxItems"));
    await expect(env.backend.getDurableExecutionState({ ...req, MaxItems: -1 })).rejects.toMatchObject(invalidParam("MaxItems"));
  });

  it("pages with Marker in start order, without gaps or repeats", async () => {
    const env = await withOps(250);
    const { event } = env.backend.beginInvocation(env.arn);
    const first = await env.backend.getDurableExecutionState({ DurableExecutionArn: env.arn, CheckpointToken: event.CheckpointToken, MaxItems: 60 });
    const { all, pages } = await readAll(env.backend, env.arn, event.CheckpointToken, { Operations: first.Operations!, NextMarker: first.NextMarker }, 60);
    expect(pages).toBe(5);
    expect(all.map((o) => o.Id)).toEqual(env.backend.getOperations(env.arn).map((o) => o.Id));
  });

  it("rejects unknown markers and markers of an ended invocation", async () => {
    const env = await withOps(150);
    const { requestId, event } = env.backend.beginInvocation(env.arn);
    const req = { DurableExecutionArn: env.arn, CheckpointToken: event.CheckpointToken };
    await expect(env.backend.getDurableExecutionState({ ...req, Marker: "bogus" })).rejects.toMatchObject(invalidParam("Marker"));
    const first = await env.backend.getDurableExecutionState(req);
    env.backend.endInvocation(env.arn, requestId, { thrown: new Error("x") });
    const next = env.backend.beginInvocation(env.arn);
    await expect(
      env.backend.getDurableExecutionState({ DurableExecutionArn: env.arn, CheckpointToken: next.event.CheckpointToken, Marker: first.NextMarker }),
    ).rejects.toMatchObject(invalidParam("Marker"));
  });
});

describe("checkpoint response delta", () => {
  it("holds only the ops changed since the previous response to this invocation", async () => {
    const env = openInvocation();
    const r1 = await env.checkpoint([u("STEP", "START", "a"), u("STEP", "START", "b")]);
    expect(r1.NewExecutionState?.Operations?.map((o) => o.Id)).toEqual(["a", "b"]);
    const r2 = await env.checkpoint([u("STEP", "SUCCEED", "b", { Payload: "1" })]);
    expect(r2.NewExecutionState?.Operations?.map((o) => [o.Id, o.Status])).toEqual([["b", "SUCCEEDED"]]);
    const r3 = await env.checkpoint([]);
    expect(r3.NewExecutionState).toEqual({ Operations: [] });
  });

  it("includes changes made by the service meanwhile (a wait ending during the invocation)", async () => {
    const env = openInvocation();
    const r1 = await env.checkpoint([u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 5 } })]);
    expect(r1.NewExecutionState?.Operations?.[0]).toMatchObject({ Id: "w", Status: "STARTED", WaitDetails: { ScheduledEndTimestamp: new Date(T0.getTime() + 5000) } });
    await env.backend.clock.advance({ seconds: 5 });
    const poll = await env.checkpoint([]);
    expect(poll.NewExecutionState?.Operations).toEqual([expect.objectContaining({ Id: "w", Status: "SUCCEEDED", EndTimestamp: new Date(T0.getTime() + 5000) })]);
  });

  it("does not include changes from before the invocation began", async () => {
    const env = openInvocation();
    await env.checkpoint([u("STEP", "START", "a")]);
    env.backend.endInvocation(env.arn, env.requestId, { thrown: new Error("x") });
    const { event } = env.backend.beginInvocation(env.arn);
    const r = await env.backend.checkpointDurableExecution({ DurableExecutionArn: env.arn, CheckpointToken: event.CheckpointToken, Updates: [] });
    expect(r.NewExecutionState?.Operations).toEqual([]);
  });

  it("is paged by 1000 with NextMarker, read through getDurableExecutionState with the new token", async () => {
    const env = openInvocation();
    const r = await env.checkpoint(steps(1001));
    expect(r.NewExecutionState?.Operations).toHaveLength(1000);
    expect(r.NewExecutionState?.NextMarker).toBeTruthy();
    const rest = await env.backend.getDurableExecutionState({
      DurableExecutionArn: env.arn,
      CheckpointToken: r.CheckpointToken,
      Marker: r.NewExecutionState!.NextMarker,
    });
    expect(rest.Operations?.map((o) => o.Id)).toEqual(["s1000"]);
    expect(rest.NextMarker).toBeUndefined();
  });

  it("returns copies: mutating a response does not change the stored state", async () => {
    const env = openInvocation();
    const r = await env.checkpoint([u("STEP", "START", "a")]);
    r.NewExecutionState!.Operations![0]!.Status = "SUCCEEDED";
    env.event.InitialExecutionState.Operations[0]!.Status = "FAILED";
    expect(env.backend.getOperations(env.arn).map((o) => o.Status)).toEqual(["STARTED", "STARTED"]);
  });
});
