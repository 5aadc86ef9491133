import type { OperationAction, OperationType, OperationUpdate } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { ABSENT, TRANSITIONS, type FromState } from "./state-machine.js";
import { T0, invalidParam, openInvocation, u } from "./test-support.js";

/** Valid option fields for an attempted update, so only the transition decides. */
function attempt(type: OperationType, action: OperationAction, id: string): OperationUpdate {
  const extra: Partial<OperationUpdate> = {};
  if (type === "WAIT" && action === "START") extra.WaitOptions = { WaitSeconds: 10 };
  if (type === "STEP" && action === "RETRY") extra.StepOptions = { NextAttemptDelaySeconds: 5 };
  if (action === "FAIL") extra.Error = { ErrorType: "E", ErrorMessage: "m" };
  return u(type, action, id, extra);
}

/** Ways to bring operation "x" of a type into a status. */
const REACH: Record<string, Record<string, OperationUpdate[][] | "advance">> = {
  STEP: {
    STARTED: [[u("STEP", "START", "x")]],
    PENDING: [[u("STEP", "RETRY", "x", { StepOptions: { NextAttemptDelaySeconds: 5 } })]],
    READY: [[u("STEP", "RETRY", "x", { StepOptions: { NextAttemptDelaySeconds: 5 } })], []],
    SUCCEEDED: [[u("STEP", "SUCCEED", "x", { Payload: "1" })]],
    FAILED: [[u("STEP", "FAIL", "x", { Error: {} })]],
  },
  CONTEXT: {
    STARTED: [[u("CONTEXT", "START", "x")]],
    SUCCEEDED: [[u("CONTEXT", "SUCCEED", "x")]],
    FAILED: [[u("CONTEXT", "FAIL", "x")]],
  },
  WAIT: {
    STARTED: [[u("WAIT", "START", "x", { WaitOptions: { WaitSeconds: 5 } })]],
    SUCCEEDED: [[u("WAIT", "START", "x", { WaitOptions: { WaitSeconds: 5 } })], []],
    CANCELLED: [[u("WAIT", "START", "x", { WaitOptions: { WaitSeconds: 5 } })], [u("WAIT", "CANCEL", "x")]],
  },
};

async function inStatus(type: string, status: FromState) {
  const env = openInvocation();
  if (status !== ABSENT) {
    const batches = REACH[type]![status] as OperationUpdate[][];
    await env.checkpoint(batches[0]!);
    if (batches.length > 1 && batches[1]!.length === 0) await env.backend.clock.advance({ seconds: 5 });
    else if (batches.length > 1) await env.checkpoint(batches[1]!);
    const stored = env.backend.getOperations(env.arn).find((o) => o.Id === "x");
    expect(stored?.Status).toBe(status);
  }
  return env;
}

describe("transition table", () => {
  const actions: OperationAction[] = ["START", "SUCCEED", "FAIL", "RETRY", "CANCEL"];
  for (const type of ["STEP", "CONTEXT", "WAIT"] as const) {
    const statuses: FromState[] = [ABSENT, ...(Object.keys(REACH[type]!) as FromState[])];
    for (const action of actions) {
      const rule = TRANSITIONS.find((r) => r.type === type && r.action === action);
      for (const status of statuses) {
        const accepted = rule?.from.includes(status) ?? false;
        it(`${type} ${action} from ${status}: ${accepted ? "accepted" : "rejected"}`, async () => {
          const env = await inStatus(type, status);
          const before = env.backend.getOperations(env.arn);
          const result = env.checkpoint([attempt(type, action, "x")]);
          if (accepted) await expect(result).resolves.toHaveProperty("CheckpointToken");
          else {
            await expect(result).rejects.toMatchObject(invalidParam(`Updates[0] (Id "x"): ${type}`));
            expect(env.backend.getOperations(env.arn)).toEqual(before);
          }
        });
      }
    }
  }

  it("EXECUTION SUCCEED and FAIL are accepted from STARTED; other actions rejected", async () => {
    for (const action of ["START", "RETRY", "CANCEL"] as const) {
      const env = openInvocation();
      await expect(env.checkpoint([u("EXECUTION", action, env.executionId)])).rejects.toMatchObject(invalidParam("EXECUTION does not accept Action"));
    }
    const a = openInvocation();
    await expect(a.checkpoint([u("EXECUTION", "SUCCEED", a.executionId, { Payload: '"ok"' })])).resolves.toBeDefined();
    const b = openInvocation();
    await expect(b.checkpoint([u("EXECUTION", "FAIL", b.executionId, { Error: { ErrorMessage: "x" } })])).resolves.toBeDefined();
  });

  it("rejects CALLBACK CANCEL always and CHAINED_INVOKE START without ChainedInvokeOptions.FunctionName", async () => {
    const env = openInvocation();
    await expect(env.checkpoint([u("CALLBACK", "CANCEL", "c")])).rejects.toMatchObject(invalidParam("CALLBACK CANCEL is not accepted"));
    await expect(env.checkpoint([u("CHAINED_INVOKE", "START", "c")])).rejects.toMatchObject(invalidParam("requires ChainedInvokeOptions.FunctionName"));
  });

  it("STEP RETRY requires StepOptions.NextAttemptDelaySeconds and not both Payload and Error", async () => {
    const env = openInvocation();
    await expect(env.checkpoint([u("STEP", "RETRY", "s")])).rejects.toMatchObject(invalidParam("requires StepOptions"));
    await expect(env.checkpoint([u("STEP", "RETRY", "s", { StepOptions: { NextAttemptDelaySeconds: 1 }, Payload: "1", Error: {} })])).rejects.toMatchObject(
      invalidParam("both Payload and Error"),
    );
  });

  it("WAIT START requires WaitOptions.WaitSeconds", async () => {
    const env = openInvocation();
    await expect(env.checkpoint([u("WAIT", "START", "w")])).rejects.toMatchObject(invalidParam("requires WaitOptions.WaitSeconds"));
  });
});

describe("effects", () => {
  it("STEP: START → STARTED, SUCCEED → SUCCEEDED with Result and Attempt 1, timestamps from the clock", async () => {
    const env = openInvocation();
    await env.checkpoint([u("STEP", "START", "s", { Name: "charge", SubType: "Step" })]);
    await env.backend.clock.advance({ seconds: 2 });
    await env.checkpoint([u("STEP", "SUCCEED", "s", { Payload: '"done"' })]);
    const op = env.backend.getOperations(env.arn)[1];
    expect(op).toEqual({
      Id: "s",
      Type: "STEP",
      SubType: "Step",
      Name: "charge",
      Status: "SUCCEEDED",
      StartTimestamp: T0,
      EndTimestamp: new Date(T0.getTime() + 2000),
      StepDetails: { Attempt: 1, Result: '"done"' },
    });
  });

  it("STEP: FAIL → FAILED with Error, Attempt + 1", async () => {
    const env = openInvocation();
    await env.checkpoint([u("STEP", "START", "s"), u("STEP", "FAIL", "s", { Error: { ErrorType: "Boom" } })]);
    const op = env.backend.getOperations(env.arn)[1]!;
    expect(op.Status).toBe("FAILED");
    expect(op.StepDetails).toEqual({ Attempt: 1, Error: { ErrorType: "Boom" } });
  });

  it("STEP: RETRY → PENDING with NextAttemptTimestamp, Result = Payload, Error kept, then READY; START again keeps Attempt", async () => {
    const env = openInvocation();
    await env.checkpoint([u("STEP", "START", "s")]);
    await env.checkpoint([u("STEP", "RETRY", "s", { Error: { ErrorMessage: "first" }, StepOptions: { NextAttemptDelaySeconds: 3 } })]);
    let op = env.backend.getOperations(env.arn)[1]!;
    expect(op.Status).toBe("PENDING");
    expect(op.StepDetails).toEqual({ Attempt: 1, NextAttemptTimestamp: new Date(T0.getTime() + 3000), Error: { ErrorMessage: "first" } });
    await env.backend.clock.advance({ seconds: 3 });
    op = env.backend.getOperations(env.arn)[1]!;
    expect(op.Status).toBe("READY");
    expect(op.StepDetails).toEqual({ Attempt: 1, Error: { ErrorMessage: "first" } });
    await env.checkpoint([u("STEP", "START", "s")]);
    await env.checkpoint([u("STEP", "RETRY", "s", { Payload: '{"n":2}', StepOptions: { NextAttemptDelaySeconds: 1 } })]);
    op = env.backend.getOperations(env.arn)[1]!;
    expect(op.StepDetails).toMatchObject({ Attempt: 2, Result: '{"n":2}', Error: { ErrorMessage: "first" } });
    expect(op.StartTimestamp).toEqual(T0);
  });

  it("WAIT: START → STARTED with ScheduledEndTimestamp; CANCEL → CANCELLED and the timer is dropped", async () => {
    const env = openInvocation();
    await env.checkpoint([u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 60 } })]);
    expect(env.backend.getOperations(env.arn)[1]).toMatchObject({
      Status: "STARTED",
      WaitDetails: { ScheduledEndTimestamp: new Date(T0.getTime() + 60_000) },
    });
    expect(env.backend.nextWakeUpMs(env.arn)).toBe(T0.getTime() + 60_000);
    await env.checkpoint([u("WAIT", "CANCEL", "w")]);
    expect(env.backend.getOperations(env.arn)[1]!.Status).toBe("CANCELLED");
    expect(env.backend.nextWakeUpMs(env.arn)).toBeUndefined();
  });

  it("CONTEXT: START → STARTED; SUCCEED stores Result and ReplayChildren; FAIL stores Error", async () => {
    const env = openInvocation();
    await env.checkpoint([u("CONTEXT", "START", "c", { SubType: "RunInChildContext" })]);
    await env.checkpoint([u("CONTEXT", "SUCCEED", "c", { Payload: "", ContextOptions: { ReplayChildren: true } })]);
    await env.checkpoint([u("CONTEXT", "FAIL", "d", { Error: { ErrorType: "X" } })]);
    const [, c, d] = env.backend.getOperations(env.arn);
    expect(c).toMatchObject({ Status: "SUCCEEDED", ContextDetails: { Result: "", ReplayChildren: true } });
    expect(d).toMatchObject({ Status: "FAILED", ContextDetails: { Error: { ErrorType: "X" } }, StartTimestamp: T0, EndTimestamp: T0 });
  });
});
