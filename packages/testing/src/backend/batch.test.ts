import { describe, expect, it } from "vitest";
import { invalidParam, openInvocation, u } from "./test-support.js";

describe("batch rules", () => {
  it("accepts STEP and CONTEXT START followed by one non-START of the same Id", async () => {
    const env = openInvocation();
    await env.checkpoint([
      u("STEP", "START", "s"),
      u("CONTEXT", "START", "c"),
      u("STEP", "SUCCEED", "s", { Payload: "1" }),
      u("CONTEXT", "SUCCEED", "c", { Payload: "2" }),
    ]);
    expect(env.backend.getOperations(env.arn).map((o) => [o.Id, o.Status])).toEqual([
      [env.executionId, "STARTED"],
      ["s", "SUCCEEDED"],
      ["c", "SUCCEEDED"],
    ]);
  });

  it("rejects any other repeated Id", async () => {
    const env = openInvocation();
    const wait = { WaitOptions: { WaitSeconds: 1 } };
    const cases = [
      [u("STEP", "START", "s"), u("STEP", "START", "s")],
      [u("STEP", "SUCCEED", "s"), u("STEP", "SUCCEED", "s")],
      [u("STEP", "START", "s"), u("STEP", "RETRY", "s", { StepOptions: { NextAttemptDelaySeconds: 1 } }), u("STEP", "FAIL", "s")],
      [u("WAIT", "START", "w", wait), u("WAIT", "CANCEL", "w")],
      [u("STEP", "SUCCEED", "s"), u("STEP", "START", "s")],
    ];
    for (const batch of cases) {
      await expect(env.checkpoint(batch)).rejects.toMatchObject(invalidParam(/Updates\[\d\] \(Id "[sw]"\): Id already used by update/));
    }
    expect(env.backend.getOperations(env.arn)).toHaveLength(1);
  });

  it("ParentId must name a CONTEXT that exists or is STARTed earlier in the same request", async () => {
    const env = openInvocation();
    await env.checkpoint([u("CONTEXT", "START", "c"), u("STEP", "START", "c-1", { ParentId: "c" })]);
    await env.checkpoint([u("STEP", "START", "c-2", { ParentId: "c" })]);
    await expect(env.checkpoint([u("STEP", "START", "x", { ParentId: "nope" })])).rejects.toMatchObject(
      invalidParam('Updates[0] (Id "x"): ParentId "nope" names no CONTEXT'),
    );
    await expect(env.checkpoint([u("STEP", "START", "y", { ParentId: "later" }), u("CONTEXT", "START", "later")])).rejects.toMatchObject(
      invalidParam("names no CONTEXT"),
    );
    await expect(env.checkpoint([u("STEP", "START", "z", { ParentId: "c-1" })])).rejects.toMatchObject(
      invalidParam("names a STEP operation; a parent must be a CONTEXT"),
    );
    await expect(env.checkpoint([u("STEP", "START", "z", { ParentId: env.executionId })])).rejects.toMatchObject(invalidParam("names a EXECUTION operation"));
    // a STEP with the parent's Id earlier in the request is not a CONTEXT START
    await expect(env.checkpoint([u("STEP", "START", "p"), u("STEP", "START", "q", { ParentId: "p" })])).rejects.toMatchObject(invalidParam("names no CONTEXT"));
  });

  it("allows at most one EXECUTION update, and only last", async () => {
    const env = openInvocation();
    const id = env.executionId;
    await expect(env.checkpoint([u("EXECUTION", "SUCCEED", id), u("STEP", "START", "s")])).rejects.toMatchObject(invalidParam("Updates[0]"));
    await expect(env.checkpoint([u("EXECUTION", "FAIL", id), u("EXECUTION", "FAIL", id)])).rejects.toMatchObject(invalidParam("Updates[1]"));
    await expect(env.checkpoint([u("EXECUTION", "SUCCEED", "other-id")])).rejects.toMatchObject(invalidParam("must name the execution's operation Id"));
    expect(env.backend.getOperations(env.arn)).toHaveLength(1);
    await env.checkpoint([u("STEP", "START", "s"), u("EXECUTION", "SUCCEED", id, { Payload: "1" })]);
    expect((await env.backend.getDurableExecution({ DurableExecutionArn: env.arn })).Status).toBe("SUCCEEDED");
  });

  it("rejects an update that changes the stored Type, SubType, Name or ParentId", async () => {
    const env = openInvocation();
    await env.checkpoint([u("CONTEXT", "START", "c"), u("CONTEXT", "START", "d")]);
    await env.checkpoint([u("STEP", "START", "s", { Name: "a", SubType: "Step", ParentId: "c" })]);
    const changes = [{ Type: "CONTEXT" as const }, { SubType: "WaitForCondition" }, { Name: "b" }, { ParentId: "d" }];
    for (const change of changes) {
      const field = Object.keys(change)[0];
      await expect(env.checkpoint([{ ...u("STEP", "SUCCEED", "s"), ...change }])).rejects.toMatchObject(invalidParam(`Updates[0] (Id "s"): ${field} `));
    }
    // omitted fields mean "unchanged"
    await env.checkpoint([u("STEP", "SUCCEED", "s", { Payload: "1" })]);
    expect(env.backend.getOperations(env.arn).find((o) => o.Id === "s")).toMatchObject({ Name: "a", SubType: "Step", ParentId: "c" });
  });

  it("rejects a follower that differs from its START in the same request", async () => {
    const env = openInvocation();
    await expect(env.checkpoint([u("STEP", "START", "s", { Name: "a" }), u("STEP", "SUCCEED", "s", { Name: "b" })])).rejects.toMatchObject(
      invalidParam("differs from the update 0's Name"),
    );
  });

  it("checks transitions against the state stored before the request", async () => {
    const env = openInvocation();
    await env.checkpoint([u("STEP", "START", "s")]);
    // START from STARTED is rejected even though it is followed by a valid SUCCEED
    await expect(env.checkpoint([u("STEP", "START", "s"), u("STEP", "SUCCEED", "s")])).rejects.toMatchObject(
      invalidParam("STEP START is accepted only when the operation is absent or READY, but stored status is STARTED"),
    );
    // CONTEXT START then FAIL: FAIL is checked against "absent", which it accepts
    await env.checkpoint([u("CONTEXT", "START", "c"), u("CONTEXT", "FAIL", "c", { Error: {} })]);
  });

  it("applies nothing when any update is invalid", async () => {
    const env = openInvocation();
    const token = env.token();
    await expect(
      env.checkpoint([u("STEP", "START", "a"), u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: 5 } }), u("STEP", "FAIL", "b", { Payload: "x" })]),
    ).rejects.toMatchObject(invalidParam('Updates[2] (Id "b"): FAIL must not carry a Payload'));
    expect(env.backend.getOperations(env.arn)).toHaveLength(1);
    expect(env.backend.nextWakeUpMs(env.arn)).toBeUndefined();
    // the token was not consumed
    expect(env.token()).toBe(token);
    await env.checkpoint([u("STEP", "START", "a")]);
  });

  it("accepts an empty batch (a poll) and an absent Updates", async () => {
    const env = openInvocation();
    await expect(env.checkpoint([])).resolves.toMatchObject({ NewExecutionState: { Operations: [] } });
    await expect(env.backend.checkpointDurableExecution({ DurableExecutionArn: env.arn, CheckpointToken: env.token() })).resolves.toHaveProperty("CheckpointToken");
  });
});
