import { describe, expect, it } from "vitest";
import { openInvocation, u } from "./test-support.js";

describe("pruning of the invocation state", () => {
  async function tree(replayChildren: boolean | undefined, status: "SUCCEED" | "FAIL" | "none") {
    const env = openInvocation();
    await env.checkpoint([
      u("CONTEXT", "START", "c"),
      u("STEP", "START", "c-1", { ParentId: "c" }),
      u("CONTEXT", "START", "c-2", { ParentId: "c" }),
      u("STEP", "START", "c-2-1", { ParentId: "c-2" }),
      u("STEP", "START", "top"),
    ]);
    if (status !== "none") {
      const extra = status === "SUCCEED" ? { Payload: "r" } : { Error: {} };
      await env.checkpoint([u("CONTEXT", status, "c", { ...extra, ContextOptions: replayChildren === undefined ? undefined : { ReplayChildren: replayChildren } })]);
    }
    env.backend.endInvocation(env.arn, env.requestId, { thrown: new Error("x") });
    const { event } = env.backend.beginInvocation(env.arn);
    const state = await env.backend.getDurableExecutionState({ DurableExecutionArn: env.arn, CheckpointToken: event.CheckpointToken });
    return { env, eventIds: event.InitialExecutionState.Operations.map((o) => o.Id), stateIds: state.Operations!.map((o) => o.Id) };
  }

  it("omits every descendant of a SUCCEEDED or FAILED CONTEXT without ReplayChildren", async () => {
    for (const status of ["SUCCEED", "FAIL"] as const) {
      for (const replay of [undefined, false]) {
        const { env, eventIds, stateIds } = await tree(replay, status);
        expect(eventIds).toEqual([env.executionId, "c", "top"]);
        expect(stateIds).toEqual(eventIds);
        expect(env.backend.getOperations(env.arn)).toHaveLength(6);
      }
    }
  });

  it("keeps the children of a completed CONTEXT with ReplayChildren true", async () => {
    const { env, eventIds } = await tree(true, "SUCCEED");
    expect(eventIds).toEqual([env.executionId, "c", "c-1", "c-2", "c-2-1", "top"]);
  });

  it("keeps the children of a running CONTEXT", async () => {
    const { env, eventIds } = await tree(undefined, "none");
    expect(eventIds).toEqual([env.executionId, "c", "c-1", "c-2", "c-2-1", "top"]);
  });

  it("prunes below a completed inner CONTEXT only", async () => {
    const env = openInvocation();
    await env.checkpoint([
      u("CONTEXT", "START", "c"),
      u("CONTEXT", "START", "c-1", { ParentId: "c" }),
      u("STEP", "START", "c-1-1", { ParentId: "c-1" }),
      u("CONTEXT", "SUCCEED", "c-1", { Payload: "x" }),
      u("STEP", "START", "c-2", { ParentId: "c" }),
    ]);
    env.backend.endInvocation(env.arn, env.requestId, { thrown: new Error("x") });
    const { event } = env.backend.beginInvocation(env.arn);
    expect(event.InitialExecutionState.Operations.map((o) => o.Id)).toEqual([env.executionId, "c", "c-1", "c-2"]);
  });
});
