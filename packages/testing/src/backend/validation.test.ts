import type { OperationUpdate } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { InMemoryBackend } from "./in-memory-backend.js";
import { invalidParam, openInvocation, u } from "./test-support.js";

async function rejects(update: OperationUpdate, text: string, env = openInvocation()) {
  await expect(env.checkpoint([update])).rejects.toMatchObject(invalidParam(text));
}

async function accepts(update: OperationUpdate, env = openInvocation()) {
  await expect(env.checkpoint([update])).resolves.toHaveProperty("CheckpointToken");
}

describe("field rules", () => {
  it("Id: 1-64 characters of [a-zA-Z0-9-_]", async () => {
    await accepts(u("STEP", "START", "a"));
    await accepts(u("STEP", "START", "A-b_9".padEnd(64, "x")));
    await rejects(u("STEP", "START", ""), 'Updates[0] (Id ""): Id must be 1-64 characters');
    await rejects(u("STEP", "START", "x".repeat(65)), "Id must be");
    await rejects(u("STEP", "START", "a.b"), "Id must be");
    await rejects(u("STEP", "START", "a b"), "Id must be");
    await rejects({ Type: "STEP", Action: "START" } as OperationUpdate, "Updates[0] (Id null): Id must be");
  });

  it("Type and Action must be known", async () => {
    await rejects(u("TASK" as never, "START", "a"), "Type must be one of");
    await rejects(u("STEP", "FINISH" as never, "a"), "Action must be one of");
  });

  it("Name: 1-256 printable ASCII", async () => {
    await accepts(u("STEP", "START", "a", { Name: " ~!".padEnd(256, "n") }));
    await rejects(u("STEP", "START", "a", { Name: "" }), "Name must be 1-256 printable ASCII");
    await rejects(u("STEP", "START", "a", { Name: "n".repeat(257) }), "Name must be");
    await rejects(u("STEP", "START", "a", { Name: "tab\there" }), "Name must be");
    await rejects(u("STEP", "START", "a", { Name: "café" }), "Name must be");
  });

  it("SubType: 1-32 characters of [a-zA-Z0-9-_]", async () => {
    await accepts(u("STEP", "START", "a", { SubType: "s".repeat(32) }));
    await rejects(u("STEP", "START", "a", { SubType: "s".repeat(33) }), "SubType must be 1-32");
    await rejects(u("STEP", "START", "a", { SubType: "" }), "SubType must be");
    await rejects(u("STEP", "START", "a", { SubType: "Wait For" }), "SubType must be");
  });

  it("ParentId follows the Id pattern", async () => {
    await rejects(u("STEP", "START", "a", { ParentId: "p/q" }), "ParentId must be 1-64");
  });

  it("WaitSeconds and NextAttemptDelaySeconds: integers 1-31,622,400", async () => {
    const wait = (s: number) => u("WAIT", "START", "w", { WaitOptions: { WaitSeconds: s } });
    const retry = (s: number) => u("STEP", "RETRY", "r", { StepOptions: { NextAttemptDelaySeconds: s } });
    for (const ok of [1, 31_622_400]) {
      await accepts(wait(ok));
      await accepts(retry(ok));
    }
    for (const bad of [0, -1, 1.5, 31_622_401, Number.NaN]) {
      await rejects(wait(bad), "WaitOptions.WaitSeconds must be an integer from 1 to 31622400");
      await rejects(retry(bad), "StepOptions.NextAttemptDelaySeconds must be an integer from 1 to 31622400");
    }
  });

  it("SUCCEED with Error and FAIL with Payload are rejected", async () => {
    await rejects(u("STEP", "SUCCEED", "a", { Error: {} }), "SUCCEED must not carry an Error");
    await rejects(u("CONTEXT", "FAIL", "a", { Payload: "1" }), "FAIL must not carry a Payload");
    const env = openInvocation();
    await rejects(u("EXECUTION", "SUCCEED", env.executionId, { Error: {} }), "SUCCEED must not carry an Error", env);
  });

  it("ErrorObject fields must have the right types", async () => {
    await rejects(u("STEP", "FAIL", "a", { Error: "boom" as never }), "Error must be an ErrorObject");
    await rejects(u("STEP", "FAIL", "a", { Error: { ErrorMessage: 5 as never } }), "Error.ErrorMessage must be a string");
    await rejects(u("STEP", "FAIL", "a", { Error: { StackTrace: "x" as never } }), "Error.StackTrace must be an array of strings");
  });
});

describe("size limits", () => {
  it("operation Payload: 262,144 bytes accepted, 262,145 rejected (UTF-8 bytes)", async () => {
    await accepts(u("STEP", "SUCCEED", "a", { Payload: "x".repeat(262_144) }));
    await rejects(u("STEP", "SUCCEED", "a", { Payload: "x".repeat(262_145) }), "Payload is 262145 bytes (UTF-8), over the limit of 262144 bytes");
    // 2-byte characters count twice
    await rejects(u("STEP", "SUCCEED", "a", { Payload: "é".repeat(131_073) }), "Payload is 262146 bytes");
  });

  it("the payload limit is configurable up to 1,048,576 bytes", async () => {
    const env = openInvocation({ limits: { maxOperationPayloadBytes: 1_048_576 } });
    await accepts(u("STEP", "SUCCEED", "a", { Payload: "x".repeat(1_048_576) }), env);
    await rejects(u("STEP", "SUCCEED", "b", { Payload: "x".repeat(1_048_577) }), "over the limit of 1048576 bytes", env);
    expect(() => new InMemoryBackend({ limits: { maxOperationPayloadBytes: 1_048_577 } })).toThrow(RangeError);
  });

  it("EXECUTION Payload is limited by maxResponseBytes instead", async () => {
    const small = openInvocation({ limits: { maxResponseBytes: 300_000 } });
    const ok = await small.checkpoint([u("EXECUTION", "SUCCEED", small.executionId, { Payload: "x".repeat(300_000) })]);
    expect(ok.CheckpointToken).toBeUndefined();
    const env = openInvocation({ limits: { maxResponseBytes: 300_000 } });
    await rejects(u("EXECUTION", "SUCCEED", env.executionId, { Payload: "x".repeat(300_001) }), "over the limit of 300000 bytes", env);
  });

  it("ErrorObject: JSON size up to maxErrorObjectBytes", async () => {
    const limit = 1_048_576;
    const overhead = JSON.stringify({ ErrorMessage: "" }).length;
    await accepts(u("STEP", "FAIL", "a", { Error: { ErrorMessage: "m".repeat(limit - overhead) } }));
    await rejects(
      u("STEP", "FAIL", "a", { Error: { ErrorMessage: "m".repeat(limit - overhead + 1) } }),
      `Error is ${limit + 1} bytes as JSON, over the limit of ${limit} bytes`,
    );
  });
});

describe("ClientToken", () => {
  it("must be 1-64 printable ASCII", async () => {
    const env = openInvocation();
    await expect(env.checkpoint([], "x".repeat(65))).rejects.toMatchObject(invalidParam("ClientToken must be"));
    await expect(env.checkpoint([], "")).rejects.toMatchObject(invalidParam("ClientToken must be"));
    await env.checkpoint([], "x".repeat(64));
  });
});
