import { ServiceException, TooManyRequestsException } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { invalidParam, openInvocation, u } from "./test-support.js";

describe("injectFault", () => {
  it("Throttling: 429 TooManyRequestsException, nothing applied, token still valid", async () => {
    const env = openInvocation();
    env.backend.injectFault({ api: "checkpoint", error: "Throttling" });
    const error = await env.checkpoint([u("STEP", "START", "a")]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 429 }, retryAfterSeconds: "1" });
    expect(env.backend.getOperations(env.arn)).toHaveLength(1);
    await env.checkpoint([u("STEP", "START", "a")]);
    expect(env.backend.getOperations(env.arn)).toHaveLength(2);
  });

  it("Service: 500 ServiceException, `times` consecutive calls", async () => {
    const env = openInvocation();
    env.backend.injectFault({ api: "checkpoint", error: "Service", times: 2 });
    for (let i = 0; i < 2; i++) {
      const error = await env.checkpoint([]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceException);
      expect(error).toMatchObject({ $fault: "server", $metadata: { httpStatusCode: 500 } });
    }
    await expect(env.checkpoint([])).resolves.toBeDefined();
  });

  it("StaleToken and InvalidParameter: 400 InvalidParameterValueException", async () => {
    const env = openInvocation();
    env.backend.injectFault({ api: "checkpoint", error: "StaleToken" });
    env.backend.injectFault({ api: "checkpoint", error: "InvalidParameter" });
    await expect(env.checkpoint([])).rejects.toMatchObject(invalidParam(/^Invalid checkpoint token/));
    const error = (await env.checkpoint([]).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("InvalidParameterValueException");
    expect(error.message).not.toMatch(/^invalid checkpoint token/i);
  });

  it("LostResponse: the checkpoint IS applied, the caller gets a TimeoutError without HTTP status", async () => {
    const env = openInvocation();
    const token = env.token();
    env.backend.injectFault({ api: "checkpoint", error: "LostResponse" });
    const request = { DurableExecutionArn: env.arn, CheckpointToken: token, ClientToken: "ct-1", Updates: [u("STEP", "START", "a")] };
    const error = (await env.backend.checkpointDurableExecution(request).catch((e: unknown) => e)) as Error & { $metadata?: unknown };
    expect(error.name).toBe("TimeoutError");
    expect(error.$metadata).toBeUndefined();
    expect(env.backend.getOperations(env.arn).map((o) => o.Id)).toContain("a");
    // the SDK retries the same batch with the same ClientToken and gets the lost response
    const retried = await env.backend.checkpointDurableExecution(request);
    expect(retried).toEqual(env.backend.checkpointCalls(env.arn)[0]!.response);
    expect(retried.CheckpointToken).toBeDefined();
    expect(env.backend.getOperations(env.arn)).toHaveLength(2);
  });

  it("getState faults fail reads and leave checkpoints alone", async () => {
    const env = openInvocation();
    env.backend.injectFault({ api: "getState", error: "Throttling" });
    env.backend.injectFault({ api: "getState", error: "LostResponse" });
    const req = { DurableExecutionArn: env.arn, CheckpointToken: env.token() };
    await expect(env.checkpoint([])).resolves.toBeDefined();
    req.CheckpointToken = env.token();
    await expect(env.backend.getDurableExecutionState(req)).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(env.backend.getDurableExecutionState(req)).rejects.toMatchObject({ name: "TimeoutError" });
    await expect(env.backend.getDurableExecutionState(req)).resolves.toBeDefined();
  });

  it("every checkpoint request is logged with its outcome", async () => {
    const env = openInvocation();
    env.backend.injectFault({ api: "checkpoint", error: "Service" });
    await env.checkpoint([u("STEP", "START", "a")], "c1").catch(() => undefined);
    await env.checkpoint([u("STEP", "START", "a")], "c1");
    const calls = env.backend.checkpointCalls(env.arn);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ clientToken: "c1", updates: [{ Id: "a" }], error: expect.objectContaining({ name: "ServiceException" }) });
    expect(calls[1]!.response?.CheckpointToken).toBeDefined();
  });

  it("rejects bad fault specs", () => {
    const env = openInvocation();
    expect(() => env.backend.injectFault({ api: "invoke" as never, error: "Service" })).toThrow(TypeError);
    expect(() => env.backend.injectFault({ api: "checkpoint", error: "Nope" as never })).toThrow(TypeError);
    expect(() => env.backend.injectFault({ api: "checkpoint", error: "Service", times: 0 })).toThrow(RangeError);
  });
});

describe("durableExecutionClient", () => {
  it("delegates checkpoint and getExecutionState with client-lambda shapes", async () => {
    const env = openInvocation();
    const client = env.backend.durableExecutionClient();
    const r = await client.checkpoint({ DurableExecutionArn: env.arn, CheckpointToken: env.token(), Updates: [u("STEP", "START", "a")] });
    expect(r.NewExecutionState?.Operations?.map((o) => o.Id)).toEqual(["a"]);
    const state = await client.getExecutionState({ DurableExecutionArn: env.arn, CheckpointToken: r.CheckpointToken }, console);
    expect(state.Operations?.map((o) => o.Type)).toEqual(["EXECUTION", "STEP"]);
    await expect(client.checkpoint({ DurableExecutionArn: env.arn, CheckpointToken: env.token(), Updates: [] })).rejects.toMatchObject(
      invalidParam(/^Invalid checkpoint token/),
    );
  });
});
