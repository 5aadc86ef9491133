import type { OperationAction, OperationUpdate } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { BackendStateError } from "./errors.js";
import type { ChainedInvokeStartedEvent } from "./events.js";
import { T0, invalidParam, openInvocation, u } from "./test-support.js";

type Env = ReturnType<typeof openInvocation>;

const start = (id: string, extra: Partial<OperationUpdate> = {}): OperationUpdate =>
  u("CHAINED_INVOKE", "START", id, { Name: "charge", SubType: "ChainedInvoke", ChainedInvokeOptions: { FunctionName: "payments" }, Payload: '{"amount":5}', ...extra });
const op = (env: Env, id = "ci") => env.backend.getOperations(env.arn).find((o) => o.Id === id)!;

describe("CHAINED_INVOKE transitions", () => {
  const reach: Record<string, (env: Env) => Promise<unknown>> = {
    ABSENT: async () => {},
    STARTED: (env) => env.checkpoint([start("x")]),
    SUCCEEDED: async (env) => {
      await env.checkpoint([start("x")]);
      env.backend.completeChainedInvoke(env.arn, "x", { status: "SUCCEEDED", result: "1" });
    },
    FAILED: async (env) => {
      await env.checkpoint([start("x")]);
      env.backend.completeChainedInvoke(env.arn, "x", { status: "FAILED", error: { ErrorType: "E" } });
    },
    TIMED_OUT: async (env) => {
      await env.checkpoint([start("x")]);
      env.backend.completeChainedInvoke(env.arn, "x", { status: "TIMED_OUT" });
    },
    STOPPED: async (env) => {
      await env.checkpoint([start("x")]);
      await env.checkpoint([u("CHAINED_INVOKE", "CANCEL", "x")]);
    },
  };
  const actions: OperationAction[] = ["START", "SUCCEED", "FAIL", "RETRY", "CANCEL"];
  for (const [status, bring] of Object.entries(reach)) {
    for (const action of actions) {
      const accepted = (action === "START" && status === "ABSENT") || (action === "CANCEL" && status === "STARTED");
      it(`CHAINED_INVOKE ${action} from ${status}: ${accepted ? "accepted" : "rejected"}`, async () => {
        const env = openInvocation();
        await bring(env);
        if (status !== "ABSENT") expect(op(env, "x").Status).toBe(status);
        const before = env.backend.getOperations(env.arn);
        const update =
          action === "START"
            ? start("x")
            : u("CHAINED_INVOKE", action, "x", action === "FAIL" ? { Error: {} } : action === "RETRY" ? { StepOptions: { NextAttemptDelaySeconds: 1 } } : {});
        const result = env.checkpoint([update]);
        if (accepted) await expect(result).resolves.toHaveProperty("CheckpointToken");
        else {
          await expect(result).rejects.toMatchObject(invalidParam('Updates[0] (Id "x"): CHAINED_INVOKE'));
          expect(env.backend.getOperations(env.arn)).toEqual(before);
        }
      });
    }
  }

  it("validates ChainedInvokeOptions", async () => {
    const env = openInvocation();
    const bad: [unknown, string][] = [
      [undefined, "requires ChainedInvokeOptions.FunctionName"],
      [{}, "requires ChainedInvokeOptions.FunctionName"],
      [{ FunctionName: "" }, "ChainedInvokeOptions.FunctionName must be"],
      [{ FunctionName: "f".repeat(171) }, "ChainedInvokeOptions.FunctionName must be"],
      [{ FunctionName: "has space" }, "ChainedInvokeOptions.FunctionName must be"],
      [{ FunctionName: "f", TenantId: "t".repeat(257) }, "ChainedInvokeOptions.TenantId must be"],
      [{ FunctionName: "f", XAmznTraceId: 5 }, "ChainedInvokeOptions.XAmznTraceId must be a string"],
      ["f", "ChainedInvokeOptions must be an object"],
    ];
    for (const [options, message] of bad) {
      await expect(env.checkpoint([start("c", { ChainedInvokeOptions: options as never })])).rejects.toMatchObject(invalidParam(message));
    }
    await env.checkpoint([start("a", { ChainedInvokeOptions: { FunctionName: "f".repeat(170), TenantId: "t".repeat(256) } })]);
    await env.checkpoint([start("b", { ChainedInvokeOptions: { FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:payments:3" } })]);
    expect(op(env, "b").Status).toBe("STARTED");
  });
});

describe("CHAINED_INVOKE lifecycle", () => {
  it("START → STARTED and tells listeners after the checkpoint is applied; unsubscribe stops it", async () => {
    const env = openInvocation();
    const seen: { event: ChainedInvokeStartedEvent; status?: string; events: number }[] = [];
    const off = env.backend.onChainedInvokeStarted((event) =>
      seen.push({ event, status: op(env, event.operationId)?.Status, events: env.backend.checkpointCalls(env.arn).length }),
    );
    const response = await env.checkpoint([start("ci", { ChainedInvokeOptions: { FunctionName: "payments", TenantId: "t1" } }), start("ci2", { Payload: undefined })]);
    expect(response.NewExecutionState!.Operations!.map((o) => `${o.Id}:${o.Status}`)).toEqual(["ci:STARTED", "ci2:STARTED"]);
    expect(seen).toEqual([
      { event: { executionArn: env.arn, operationId: "ci", functionName: "payments", payload: '{"amount":5}', tenantId: "t1" }, status: "STARTED", events: 1 },
      { event: { executionArn: env.arn, operationId: "ci2", functionName: "payments" }, status: "STARTED", events: 1 },
    ]);
    expect(op(env)).toEqual({ Id: "ci", Type: "CHAINED_INVOKE", SubType: "ChainedInvoke", Name: "charge", Status: "STARTED", StartTimestamp: T0 });
    off();
    await env.checkpoint([start("ci3")]);
    expect(seen).toHaveLength(2);
  });

  for (const [outcome, expected] of [
    [{ status: "SUCCEEDED", result: '"paid"' }, { Result: '"paid"' }],
    [{ status: "FAILED", error: { ErrorType: "Declined", ErrorMessage: "no" } }, { Error: { ErrorType: "Declined", ErrorMessage: "no" } }],
    [{ status: "TIMED_OUT", error: { ErrorType: "TimedOut" } }, { Error: { ErrorType: "TimedOut" } }],
    [{ status: "STOPPED" }, {}],
  ] as const) {
    it(`completeChainedInvoke ${outcome.status}: details, EndTimestamp, re-invocation, later completions ignored`, async () => {
      const env = openInvocation();
      await env.checkpoint([start("ci")]);
      env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
      expect(env.backend.needsInvocation(env.arn)).toBe(false);
      await env.backend.clock.advance({ seconds: 4 });
      expect(env.backend.completeChainedInvoke(env.arn, "ci", outcome)).toBe(true);
      expect(op(env)).toMatchObject({ Status: outcome.status, EndTimestamp: new Date(T0.getTime() + 4000), ChainedInvokeDetails: expected });
      expect(op(env).ChainedInvokeDetails).toEqual(expected);
      expect(env.backend.needsInvocation(env.arn)).toBe(true);
      expect(env.backend.completeChainedInvoke(env.arn, "ci", { status: "SUCCEEDED", result: "again" })).toBe(false);
      expect(op(env).Status).toBe(outcome.status);
    });
  }

  it("ignores completions of absent, cancelled or terminal-execution ops; rejects other types and bad outcomes", async () => {
    const env = openInvocation();
    await env.checkpoint([start("ci"), start("cancel"), u("STEP", "START", "s")]);
    await env.checkpoint([u("CHAINED_INVOKE", "CANCEL", "cancel")]);
    expect(env.backend.completeChainedInvoke(env.arn, "absent", { status: "SUCCEEDED" })).toBe(false);
    expect(env.backend.completeChainedInvoke(env.arn, "cancel", { status: "SUCCEEDED" })).toBe(false);
    expect(op(env, "cancel").Status).toBe("STOPPED");
    expect(() => env.backend.completeChainedInvoke(env.arn, "s", { status: "SUCCEEDED" })).toThrow(BackendStateError);
    expect(() => env.backend.completeChainedInvoke(env.arn, "ci", { status: "DONE" } as never)).toThrow(TypeError);
    await env.backend.stopDurableExecution({ DurableExecutionArn: env.arn });
    expect(env.backend.completeChainedInvoke(env.arn, "ci", { status: "SUCCEEDED" })).toBe(false);
    expect(op(env).Status).toBe("STARTED");
  });

  it("CANCEL of a STARTED invoke → STOPPED with EndTimestamp and the update's Error", async () => {
    const env = openInvocation();
    await env.checkpoint([start("ci")]);
    await env.backend.clock.advance({ seconds: 1 });
    const response = await env.checkpoint([u("CHAINED_INVOKE", "CANCEL", "ci", { Error: { ErrorType: "Cancelled" } })]);
    expect(response.NewExecutionState!.Operations).toEqual([
      expect.objectContaining({ Id: "ci", Status: "STOPPED", EndTimestamp: new Date(T0.getTime() + 1000), ChainedInvokeDetails: { Error: { ErrorType: "Cancelled" } } }),
    ]);
  });

  it("a completion during an open invocation reaches its next delta; needsInvocation only after it ends", async () => {
    const env = openInvocation();
    await env.checkpoint([start("ci")]);
    env.backend.completeChainedInvoke(env.arn, "ci", { status: "SUCCEEDED", result: "7" });
    expect(env.backend.needsInvocation(env.arn)).toBe(false);
    const poll = await env.checkpoint([]);
    expect(poll.NewExecutionState!.Operations).toEqual([expect.objectContaining({ Id: "ci", Status: "SUCCEEDED", ChainedInvokeDetails: { Result: "7" } })]);
    env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
    expect(env.backend.needsInvocation(env.arn)).toBe(true);
  });

  it("a listener may complete the invoke at once (e.g. unknown function): the next delta carries it", async () => {
    const env = openInvocation();
    env.backend.onChainedInvokeStarted((e) =>
      env.backend.completeChainedInvoke(e.executionArn, e.operationId, { status: "FAILED", error: { ErrorType: "ResourceNotFoundException" } }),
    );
    const response = await env.checkpoint([start("ci")]);
    expect(response.NewExecutionState!.Operations!.map((o) => o.Status)).toEqual(["STARTED"]);
    expect((await env.checkpoint([])).NewExecutionState!.Operations!.map((o) => o.Status)).toEqual(["FAILED"]);
  });

  it("a STARTED invoke counts as pending work for a PENDING answer", async () => {
    const env = openInvocation();
    await env.checkpoint([start("ci")]);
    env.backend.endInvocation(env.arn, env.requestId, { Status: "PENDING" });
    expect(env.backend.isRunning(env.arn)).toBe(true);
  });

  it("records ChainedInvokeStarted (with the child ARN once known) and each ending event", async () => {
    const env = openInvocation();
    await env.checkpoint(["a", "b", "c", "d", "e"].map((id) => start(id, id === "a" ? { ChainedInvokeOptions: { FunctionName: "payments", TenantId: "t1" } } : {})));
    env.backend.setChainedInvokeChild(env.arn, "a", "arn:child-a");
    env.backend.completeChainedInvoke(env.arn, "a", { status: "SUCCEEDED", result: '"r"' });
    env.backend.completeChainedInvoke(env.arn, "b", { status: "FAILED", error: { ErrorType: "E", StackTrace: ["x"] } }, { childExecutionArn: "arn:child-b" });
    env.backend.completeChainedInvoke(env.arn, "c", { status: "TIMED_OUT", error: { ErrorType: "T" } });
    env.backend.completeChainedInvoke(env.arn, "d", { status: "STOPPED" });
    await env.checkpoint([u("CHAINED_INVOKE", "CANCEL", "e")]);
    expect(() => env.backend.setChainedInvokeChild(env.arn, "zz", "arn:x")).toThrow(BackendStateError);
    const { Events } = await env.backend.getDurableExecutionHistory({ DurableExecutionArn: env.arn });
    const chained = Events!.filter((e) => e.EventType!.startsWith("ChainedInvoke"));
    expect(chained.map((e) => `${e.EventType}:${e.Id}`)).toEqual([
      ...["a", "b", "c", "d", "e"].map((id) => `ChainedInvokeStarted:${id}`),
      "ChainedInvokeSucceeded:a",
      "ChainedInvokeFailed:b",
      "ChainedInvokeTimedOut:c",
      "ChainedInvokeStopped:d",
      "ChainedInvokeStopped:e",
    ]);
    expect(chained[0]).toMatchObject({ Name: "charge", SubType: "ChainedInvoke" });
    expect(chained[0]!.ChainedInvokeStartedDetails).toEqual({
      FunctionName: "payments",
      TenantId: "t1",
      Input: { Payload: '{"amount":5}', Truncated: false },
      DurableExecutionArn: "arn:child-a",
    });
    expect(chained[1]!.ChainedInvokeStartedDetails!.DurableExecutionArn).toBe("arn:child-b");
    expect(chained[2]!.ChainedInvokeStartedDetails!.DurableExecutionArn).toBeUndefined();
    expect(chained[5]!.ChainedInvokeSucceededDetails).toEqual({ Result: { Payload: '"r"', Truncated: false } });
    expect(chained[6]!.ChainedInvokeFailedDetails).toEqual({ Error: { Payload: { ErrorType: "E" }, Truncated: false } });
    expect(chained[7]!.ChainedInvokeTimedOutDetails).toEqual({ Error: { Payload: { ErrorType: "T" }, Truncated: false } });
    expect(chained[8]!.ChainedInvokeStoppedDetails).toEqual({ Error: { Truncated: false } });
    const { Events: bare } = await env.backend.getDurableExecutionHistory({ DurableExecutionArn: env.arn, IncludeExecutionData: false });
    expect(bare!.find((e) => e.EventType === "ChainedInvokeStarted")!.ChainedInvokeStartedDetails!.Input).toEqual({ Truncated: false });
  });
});
