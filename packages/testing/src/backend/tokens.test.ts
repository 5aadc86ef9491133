import { describe, expect, it } from "vitest";
import { InMemoryBackend } from "./in-memory-backend.js";
import { T0, invalidParam, openInvocation, u } from "./test-support.js";

const staleToken = invalidParam(/^Invalid checkpoint token/);

describe("checkpoint tokens", () => {
  it("are opaque base64 strings; each checkpoint consumes the current token and returns a new one", async () => {
    const env = openInvocation();
    const first = env.token();
    expect(first).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const r1 = await env.checkpoint([u("STEP", "START", "a")]);
    expect(r1.CheckpointToken).toBeDefined();
    expect(r1.CheckpointToken).not.toBe(first);
    await expect(env.backend.checkpointDurableExecution({ DurableExecutionArn: env.arn, CheckpointToken: first, Updates: [] })).rejects.toMatchObject(staleToken);
    const r2 = await env.checkpoint([]);
    expect(r2.CheckpointToken).not.toBe(r1.CheckpointToken);
  });

  it("rejects unknown and missing tokens", async () => {
    const env = openInvocation();
    for (const token of ["bm9wZQ==", "", undefined]) {
      await expect(env.backend.checkpointDurableExecution({ DurableExecutionArn: env.arn, CheckpointToken: token, Updates: [] })).rejects.toMatchObject(staleToken);
    }
  });

  it("throws the real client-lambda exception class with the service's metadata", async () => {
    const { InvalidParameterValueException, ResourceNotFoundException } = await import("@aws-sdk/client-lambda");
    const env = openInvocation();
    const error = await env.backend.checkpointDurableExecution({ DurableExecutionArn: env.arn, CheckpointToken: "x", Updates: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error).toMatchObject({ $fault: "client", $metadata: { httpStatusCode: 400 } });
    const missing = await env.backend.checkpointDurableExecution({ DurableExecutionArn: "arn:nope", CheckpointToken: "x" }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing).toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it("a new invocation supersedes the previous tokens; tokens die when the invocation ends", async () => {
    const env = openInvocation();
    await env.checkpoint([u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 1 } })]);
    const old = env.token();
    env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
    await expect(env.backend.checkpointDurableExecution({ DurableExecutionArn: env.arn, CheckpointToken: old, Updates: [] })).rejects.toMatchObject(
      invalidParam("Invalid checkpoint token: no invocation"),
    );
    await expect(env.backend.getDurableExecutionState({ DurableExecutionArn: env.arn, CheckpointToken: old })).rejects.toMatchObject(staleToken);
    const next = env.backend.beginInvocation(env.arn);
    expect(next.event.CheckpointToken).not.toBe(old);
    await expect(env.backend.checkpointDurableExecution({ DurableExecutionArn: env.arn, CheckpointToken: old, Updates: [] })).rejects.toMatchObject(staleToken);
  });

  it("getDurableExecutionState reads with the current token and consumes nothing", async () => {
    const env = openInvocation();
    const token = env.token();
    await env.backend.getDurableExecutionState({ DurableExecutionArn: env.arn, CheckpointToken: token });
    await env.backend.getDurableExecutionState({ DurableExecutionArn: env.arn, CheckpointToken: token });
    await env.checkpoint([]);
    await expect(env.backend.getDurableExecutionState({ DurableExecutionArn: env.arn, CheckpointToken: token })).rejects.toMatchObject(staleToken);
    await expect(env.backend.getDurableExecutionState({ DurableExecutionArn: env.arn, CheckpointToken: env.token() })).resolves.toBeDefined();
  });

  it("a batch ending with EXECUTION SUCCEED/FAIL ends the execution: no token, later checkpoints rejected", async () => {
    const env = openInvocation();
    const r = await env.checkpoint([u("STEP", "START", "s"), u("EXECUTION", "SUCCEED", env.executionId, { Payload: '"big"' })]);
    expect(r.CheckpointToken).toBeUndefined();
    expect(r.NewExecutionState?.Operations?.map((o) => [o.Id, o.Status])).toEqual([
      [env.executionId, "SUCCEEDED"],
      ["s", "STARTED"],
    ]);
    const exec = await env.backend.getDurableExecution({ DurableExecutionArn: env.arn });
    expect(exec).toMatchObject({ Status: "SUCCEEDED", Result: '"big"', EndTimestamp: T0 });
    await expect(env.backend.checkpointDurableExecution({ DurableExecutionArn: env.arn, CheckpointToken: env.token(), Updates: [] })).rejects.toMatchObject(
      invalidParam("Invalid checkpoint token: the execution is SUCCEEDED"),
    );
    env.backend.endInvocation(env.arn, env.requestId, { Status: "SUCCEEDED", Result: "" });
    expect((await env.backend.getDurableExecution({ DurableExecutionArn: env.arn })).Result).toBe('"big"');
  });

  it("every checkpoint of a terminal execution fails with Invalid checkpoint token", async () => {
    const env = openInvocation();
    await env.backend.stopDurableExecution({ DurableExecutionArn: env.arn });
    await expect(env.checkpoint([u("STEP", "START", "s")])).rejects.toMatchObject(staleToken);
  });
});

describe("ClientToken de-duplication", () => {
  it("a repeated (ClientToken, CheckpointToken) pair returns the first response and applies nothing", async () => {
    const env = openInvocation();
    const token = env.token();
    const request = { DurableExecutionArn: env.arn, CheckpointToken: token, ClientToken: "batch-1", Updates: [u("STEP", "START", "a")] };
    const first = await env.backend.checkpointDurableExecution(request);
    const again = await env.backend.checkpointDurableExecution(request);
    expect(again).toEqual(first);
    // a different body under the same pair is not applied either
    const other = await env.backend.checkpointDurableExecution({ ...request, Updates: [u("STEP", "START", "zzz")] });
    expect(other).toEqual(first);
    expect(env.backend.getOperations(env.arn).map((o) => o.Id)).toEqual([env.executionId, "a"]);
    expect(env.backend.checkpointCalls(env.arn).map((c) => c.replayed ?? false)).toEqual([false, true, true]);
    // the returned token is still the current one
    await env.backend.checkpointDurableExecution({ DurableExecutionArn: env.arn, CheckpointToken: first.CheckpointToken, Updates: [] });
  });

  it("the same ClientToken with another CheckpointToken is a new request", async () => {
    const env = openInvocation();
    await env.checkpoint([u("STEP", "START", "a")], "same");
    await env.checkpoint([u("STEP", "SUCCEED", "a")], "same");
    expect(env.backend.getOperations(env.arn)[1]!.Status).toBe("SUCCEEDED");
  });

  it("without a ClientToken a repeat uses a consumed token and is rejected", async () => {
    const env = openInvocation();
    const request = { DurableExecutionArn: env.arn, CheckpointToken: env.token(), Updates: [u("STEP", "START", "a")] };
    await env.backend.checkpointDurableExecution(request);
    await expect(env.backend.checkpointDurableExecution(request)).rejects.toMatchObject(staleToken);
  });

  it("is forgotten after 15 minutes", async () => {
    const backend = new InMemoryBackend({ startTime: T0 });
    const { executionArn } = backend.startExecution({});
    const { event } = backend.beginInvocation(executionArn);
    const request = { DurableExecutionArn: executionArn, CheckpointToken: event.CheckpointToken, ClientToken: "c", Updates: [] };
    await backend.checkpointDurableExecution(request);
    await backend.clock.advance({ minutes: 15, seconds: 1 });
    await expect(backend.checkpointDurableExecution(request)).rejects.toMatchObject(staleToken);
  });
});
