import { CallbackTimeoutException, ResourceNotFoundException, type OperationAction } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { T0, invalidParam, openInvocation, startCallback, u } from "./test-support.js";

type Env = ReturnType<typeof openInvocation>;

const op = (env: Env, id = "cb") => env.backend.getOperations(env.arn).find((o) => o.Id === id)!;
const notFound = (text: string) => ({ name: "ResourceNotFoundException", message: expect.stringContaining(text), $metadata: { httpStatusCode: 404 } });
const closed = (text: string) => ({ name: "CallbackTimeoutException", message: expect.stringContaining(text), $metadata: { httpStatusCode: 400 } });

describe("CALLBACK transitions", () => {
  const reach: Record<string, (env: Env) => Promise<void>> = {
    ABSENT: async () => {},
    STARTED: async (env) => void (await startCallback(env, "x")),
    SUCCEEDED: async (env) => void (await env.backend.sendDurableExecutionCallbackSuccess({ CallbackId: await startCallback(env, "x"), Result: "1" })),
    FAILED: async (env) => void (await env.backend.sendDurableExecutionCallbackFailure({ CallbackId: await startCallback(env, "x"), Error: {} })),
    TIMED_OUT: async (env) => {
      await startCallback(env, "x", { TimeoutSeconds: 1 });
      await env.backend.clock.advance({ seconds: 1 });
    },
  };
  const actions: OperationAction[] = ["START", "SUCCEED", "FAIL", "RETRY", "CANCEL"];
  for (const [status, bring] of Object.entries(reach)) {
    for (const action of actions) {
      const accepted = action === "START" && status === "ABSENT";
      it(`CALLBACK ${action} from ${status}: ${accepted ? "accepted" : "rejected"}`, async () => {
        const env = openInvocation();
        await bring(env);
        const before = env.backend.getOperations(env.arn);
        const extra = action === "FAIL" ? { Error: { ErrorMessage: "m" } } : action === "RETRY" ? { StepOptions: { NextAttemptDelaySeconds: 1 } } : {};
        const result = env.checkpoint([u("CALLBACK", action, "x", extra)]);
        if (accepted) await expect(result).resolves.toHaveProperty("CheckpointToken");
        else {
          await expect(result).rejects.toMatchObject(invalidParam('Updates[0] (Id "x"): CALLBACK'));
          expect(env.backend.getOperations(env.arn)).toEqual(before);
        }
      });
    }
  }

  it("CANCEL is rejected with a reason even while STARTED", async () => {
    const env = openInvocation();
    await startCallback(env);
    await expect(env.checkpoint([u("CALLBACK", "CANCEL", "cb")])).rejects.toMatchObject(invalidParam("CALLBACK CANCEL is not accepted"));
  });

  it("validates CallbackOptions: integers >= 0", async () => {
    const env = openInvocation();
    for (const bad of [{ TimeoutSeconds: -1 }, { HeartbeatTimeoutSeconds: 1.5 }, { TimeoutSeconds: "5" }, { HeartbeatTimeoutSeconds: null }]) {
      await expect(env.checkpoint([u("CALLBACK", "START", "c", { CallbackOptions: bad as never })])).rejects.toMatchObject(
        invalidParam(/CallbackOptions\.(TimeoutSeconds|HeartbeatTimeoutSeconds) must be an integer >= 0/),
      );
    }
    await expect(env.checkpoint([u("CALLBACK", "START", "c", { CallbackOptions: 3 as never })])).rejects.toMatchObject(invalidParam("CallbackOptions must be an object"));
    await startCallback(env, "zero", { TimeoutSeconds: 0, HeartbeatTimeoutSeconds: 0 });
    expect(env.backend.nextWakeUpMs(env.arn)).toBeUndefined();
  });
});

describe("CallbackId", () => {
  it("is opaque URL-safe base64, at most 1024 chars, unique across executions, and found by findCallback", async () => {
    const a = openInvocation();
    const ids = [await startCallback(a, "c1"), await startCallback(a, "c2")];
    const { executionArn: other } = a.backend.startExecution({ executionName: "other" });
    const second = a.backend.beginInvocation(other);
    const response = await a.backend.checkpointDurableExecution({
      DurableExecutionArn: other,
      CheckpointToken: second.event.CheckpointToken,
      Updates: [u("CALLBACK", "START", "c1")],
    });
    ids.push(response.NewExecutionState!.Operations![0]!.CallbackDetails!.CallbackId!);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{1,1024}$/);
    }
    expect(a.backend.findCallback(ids[1]!)).toEqual({ executionArn: a.arn, operationId: "c2" });
    expect(a.backend.findCallback(ids[2]!)).toEqual({ executionArn: other, operationId: "c1" });
    expect(a.backend.findCallback("nope")).toBeUndefined();
    expect(op(a, "c1").CallbackDetails).toEqual({ CallbackId: ids[0] });
  });

  it("a replayed CALLBACK START (same ClientToken) returns the same CallbackId", async () => {
    const env = openInvocation();
    const token = env.token();
    const first = await env.checkpoint([u("CALLBACK", "START", "cb")], "ct-1");
    const again = await env.backend.checkpointDurableExecution({
      DurableExecutionArn: env.arn,
      CheckpointToken: token,
      ClientToken: "ct-1",
      Updates: [u("CALLBACK", "START", "cb")],
    });
    expect(again.NewExecutionState).toEqual(first.NewExecutionState);
  });
});

describe("SendDurableExecutionCallback*", () => {
  it("success stores the Result (string or bytes) as UTF-8 text, ends the callback and asks for an invocation", async () => {
    const env = openInvocation();
    const id = await startCallback(env);
    env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
    expect(env.backend.needsInvocation(env.arn)).toBe(false);
    await env.backend.clock.advance({ seconds: 3 });
    const out = await env.backend.sendDurableExecutionCallbackSuccess({ CallbackId: id, Result: new TextEncoder().encode('{"ok":"ü"}') });
    expect(out).toEqual({ $metadata: expect.objectContaining({ httpStatusCode: 200 }) });
    expect(op(env)).toMatchObject({ Status: "SUCCEEDED", EndTimestamp: new Date(T0.getTime() + 3000), CallbackDetails: { CallbackId: id, Result: '{"ok":"ü"}' } });
    expect(env.backend.needsInvocation(env.arn)).toBe(true);

    const env2 = openInvocation();
    const id2 = await startCallback(env2);
    await env2.backend.sendDurableExecutionCallbackSuccess({ CallbackId: id2, Result: "plain" });
    expect(op(env2).CallbackDetails!.Result).toBe("plain");
  });

  it("failure stores the Error; an oversized Error is InvalidParameterValueException", async () => {
    const env = openInvocation({ limits: { maxErrorObjectBytes: 100 } });
    const id = await startCallback(env);
    await expect(env.backend.sendDurableExecutionCallbackFailure({ CallbackId: id, Error: { ErrorMessage: "x".repeat(200) } })).rejects.toMatchObject(
      invalidParam("over the limit of 100 bytes"),
    );
    expect(op(env).Status).toBe("STARTED");
    await env.backend.sendDurableExecutionCallbackFailure({ CallbackId: id, Error: { ErrorType: "Declined", ErrorMessage: "no" } });
    expect(op(env)).toMatchObject({ Status: "FAILED", CallbackDetails: { CallbackId: id, Error: { ErrorType: "Declined", ErrorMessage: "no" } } });
  });

  it("a Result over 1,048,576 bytes is InvalidParameterValueException; exactly 1 MiB is accepted", async () => {
    const env = openInvocation();
    const id = await startCallback(env);
    await expect(env.backend.sendDurableExecutionCallbackSuccess({ CallbackId: id, Result: new Uint8Array(1_048_577) })).rejects.toMatchObject(
      invalidParam("1048577 bytes, over the limit of 1048576"),
    );
    await expect(env.backend.sendDurableExecutionCallbackSuccess({ CallbackId: id, Result: "é".repeat(524_289) })).rejects.toMatchObject(invalidParam("over the limit"));
    await env.backend.sendDurableExecutionCallbackSuccess({ CallbackId: id, Result: "a".repeat(1_048_576) });
    expect(op(env).Status).toBe("SUCCEEDED");
  });

  it("an unknown CallbackId is ResourceNotFoundException (404) naming the id; a malformed one is InvalidParameterValueException", async () => {
    const env = openInvocation();
    for (const send of [
      () => env.backend.sendDurableExecutionCallbackSuccess({ CallbackId: "missing-id-1", Result: "1" }),
      () => env.backend.sendDurableExecutionCallbackFailure({ CallbackId: "missing-id-1" }),
      () => env.backend.sendDurableExecutionCallbackHeartbeat({ CallbackId: "missing-id-1" }),
    ]) {
      const error = await send().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error).toMatchObject(notFound("missing-id-1"));
    }
    await expect(env.backend.sendDurableExecutionCallbackHeartbeat({ CallbackId: "" })).rejects.toMatchObject(invalidParam("CallbackId must be"));
    await expect(env.backend.sendDurableExecutionCallbackHeartbeat({ CallbackId: "x".repeat(1025) })).rejects.toMatchObject(invalidParam("1025 characters"));
  });

  it("a closed callback (SUCCEEDED, FAILED, TIMED_OUT) or an ended execution gets CallbackTimeoutException", async () => {
    const env = openInvocation();
    const ok = await startCallback(env, "ok");
    const failed = await startCallback(env, "failed");
    const timed = await startCallback(env, "timed", { TimeoutSeconds: 1 });
    const open = await startCallback(env, "open");
    await env.backend.sendDurableExecutionCallbackSuccess({ CallbackId: ok, Result: "1" });
    await env.backend.sendDurableExecutionCallbackFailure({ CallbackId: failed, Error: {} });
    await env.backend.clock.advance({ seconds: 1 });
    for (const [id, status] of [
      [ok, "SUCCEEDED"],
      [failed, "FAILED"],
      [timed, "TIMED_OUT"],
    ] as const) {
      const error = await env.backend.sendDurableExecutionCallbackSuccess({ CallbackId: id, Result: "2" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CallbackTimeoutException);
      expect(error).toMatchObject(closed(`already ${status}`));
      await expect(env.backend.sendDurableExecutionCallbackHeartbeat({ CallbackId: id })).rejects.toMatchObject(closed(status));
    }
    expect(op(env, "ok").CallbackDetails!.Result).toBe("1");
    await env.backend.stopDurableExecution({ DurableExecutionArn: env.arn });
    await expect(env.backend.sendDurableExecutionCallbackFailure({ CallbackId: open })).rejects.toMatchObject(closed("execution is STOPPED"));
    expect(op(env, "open").Status).toBe("STARTED");
  });

  it("a failure without Error leaves CallbackDetails.Error absent", async () => {
    const env = openInvocation();
    const id = await startCallback(env);
    await env.backend.sendDurableExecutionCallbackFailure({ CallbackId: id });
    expect(op(env).CallbackDetails).toEqual({ CallbackId: id });
    expect(op(env).Status).toBe("FAILED");
  });
});
