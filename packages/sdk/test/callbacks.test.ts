import { describe, expect, it } from "vitest";
import { CallbackExternalError, CallbackSubmitterError, CallbackTimeoutError, retryPresets } from "@durable-ts/sdk";
import { LocalDurableTestRunner, WaitingOperationStatus } from "@durable-ts/testing";
import type { OperationUpdate } from "@aws-sdk/client-lambda";
import { durable, runnerFor, START_MS, withClient } from "./support.js";

/** Catches the error of a durable promise and describes it (class, message, cause class). */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    return `ok:${JSON.stringify(await promise)}`;
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return `${e.name}:${e.message}${e.cause ? `<${e.cause.name}:${e.cause.message}>` : ""}`;
  }
}

describe("createCallback", () => {
  it("checkpoints no TimeoutSeconds or HeartbeatTimeoutSeconds for a callback without timeouts (nor for 0), only the ones set", async () => {
    const updates: OperationUpdate[] = [];
    const handler = withClient(
      durable(async (_e, ctx) => {
        await ctx.createCallback("none");
        await ctx.createCallback("zero", { timeout: { seconds: 0 }, heartbeatTimeout: { seconds: 0 } });
        await ctx.createCallback("timeout", { timeout: { minutes: 5 } });
        await ctx.createCallback("heartbeat", { heartbeatTimeout: { seconds: 30 } });
        await ctx.waitForCallback("wfc", async () => {});
        return "done";
      }),
      (client) => ({
        checkpoint: (params) => {
          updates.push(...(params.Updates ?? []));
          return client.checkpoint(params);
        },
        getExecutionState: (params) => client.getExecutionState(params),
      }),
    );
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, callbacks: { wfc: { success: "ok" } } });
    expect((await runner.run()).getResult()).toBe("done");
    const starts = updates.filter((u) => u.Type === "CALLBACK" && u.Action === "START");
    expect(starts.map((u) => [u.Name ?? "(wfc)", u.CallbackOptions])).toEqual([
      ["none", undefined],
      ["zero", undefined],
      ["timeout", { TimeoutSeconds: 300 }],
      ["heartbeat", { HeartbeatTimeoutSeconds: 30 }],
      ["(wfc)", undefined],
    ]);
  });

  it("resolves with the raw string the sender sent; the id is handed out once START is acknowledged", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const [result, callbackId] = await ctx.createCallback("approval");
        await ctx.step("notify", async () => callbackId.length > 0);
        return result;
      }),
    );
    const running = runner.run();
    const handle = await runner.getOperation("approval").waitForData(WaitingOperationStatus.SUBMITTED);
    expect(handle.getType()).toBe("CALLBACK");
    expect(handle.getSubType()).toBe("Callback");
    await handle.sendCallbackSuccess("approved by ops");
    const result = await running;
    expect(result.getResult()).toBe("approved by ops");
    // Answered while the first invocation still ran: the notify step's checkpoint response carries
    // the result, so the same invocation finishes.
    expect(result.getInvocations().map((i) => i.status)).toEqual(["SUCCEEDED"]);
  });

  it("decodes with the configured serdes (e.g. JSON) when given one", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const [result] = await ctx.createCallback<{ ok: boolean }>("json", {
          serdes: { deserialize: async (data) => (data === undefined ? undefined : JSON.parse(data)) },
        });
        return (await result).ok;
      }),
    );
    const running = runner.run();
    await (await runner.getOperation("json").waitForData(WaitingOperationStatus.SUBMITTED)).sendCallbackSuccess('{"ok":true}');
    expect((await running).getResult()).toBe(true);
  });

  it("a failure sent by the external system rejects with CallbackExternalError keeping the sender's error", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const [result] = await ctx.createCallback("payment");
        return outcome(result);
      }),
    );
    const running = runner.run();
    const handle = await runner.getOperation("payment").waitForData(WaitingOperationStatus.SUBMITTED);
    await handle.sendCallbackFailure({ ErrorType: "CardDeclined", ErrorMessage: "insufficient funds" });
    expect((await running).getResult()).toBe("CallbackExternalError:insufficient funds<CardDeclined:insufficient funds>");
  });

  it("times out in virtual time when nobody answers (no wall-clock wait)", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const [result] = await ctx.createCallback("slow", { timeout: { hours: 6 } });
        return outcome(result);
      }),
    );
    const wallStart = Date.now();
    const result = await runner.run();
    expect(result.getResult()).toMatch(/^CallbackTimeoutError:/);
    expect(runner.clock.nowMs() - START_MS).toBe(6 * 3600_000);
    expect(Date.now() - wallStart).toBeLessThan(5_000);
    expect(result.getOperation("slow").getStatus()).toBe("TIMED_OUT");
  });

  it("a missed heartbeat times the callback out at the heartbeat window; heartbeats keep it alive", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const [result] = await ctx.createCallback("job", { heartbeatTimeout: { minutes: 10 }, timeout: { days: 1 } });
        return outcome(result);
      }),
    );
    const running = runner.run();
    const handle = await runner.getOperation("job").waitForData(WaitingOperationStatus.SUBMITTED);
    await runner.clock.advance({ minutes: 9 });
    await handle.sendCallbackHeartbeat();
    await runner.clock.advance({ minutes: 9 });
    await handle.sendCallbackHeartbeat();
    await runner.clock.advance({ minutes: 11 });
    const result = await running;
    expect(result.getResult()).toMatch(/^CallbackTimeoutError:/);
    // Last heartbeat at 18 min, window 10 min: timed out at 28 min.
    expect(result.getOperation("job").getEndTimestamp()?.getTime()).toBe(START_MS + 28 * 60_000);
  });

  it("failure and timeout are raised when awaited, never at creation (aws-py #234)", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const [result] = await ctx.createCallback("late", { timeout: { seconds: 5 } });
        const before = await ctx.step("still-running", async () => "created fine");
        await ctx.wait({ seconds: 10 });
        return [before, await outcome(result)];
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual(["created fine", expect.stringMatching(/^CallbackTimeoutError:/)]);
  });

  it("a callback answered before the handler awaits it resolves in the same invocation when a later checkpoint brings it", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const [result, callbackId] = await ctx.createCallback("early");
        // The external system answers at once, while the handler is still busy with a step.
        await ctx.step("hand-off", async () => {
          await runner.backend.sendDurableExecutionCallbackSuccess({ CallbackId: callbackId, Result: "early answer" });
        });
        await ctx.step("more-work", async () => 1);
        return result;
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe("early answer");
    expect(result.getInvocations()).toHaveLength(1);
  });

  it("an unknown callback id is rejected with ResourceNotFoundException naming the id", async () => {
    const runner = runnerFor(durable(async () => "x"));
    await runner.run();
    const error = await runner.backend.sendDurableExecutionCallbackSuccess({ CallbackId: "no-such-callback", Result: "x" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ResourceNotFoundException", $metadata: { httpStatusCode: 404 } });
    expect((error as Error).message).toContain("no-such-callback");
  });

  it("answering a closed callback is rejected with CallbackTimeoutException", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const [result] = await ctx.createCallback("once");
        return result;
      }),
    );
    const running = runner.run();
    const handle = await runner.getOperation("once").waitForData(WaitingOperationStatus.SUBMITTED);
    await handle.sendCallbackSuccess("first");
    await running;
    await expect(handle.sendCallbackSuccess("second")).rejects.toMatchObject({ name: "CallbackTimeoutException" });
  });
});

describe("waitForCallback", () => {
  it("runs the submitter with the callback id as a step inside a WaitForCallback context and returns the result", async () => {
    const submitted: string[] = [];
    const runner = runnerFor(
      durable(async (_e, ctx) =>
        ctx.waitForCallback("approval", async (callbackId, stepCtx) => {
          submitted.push(`${callbackId.length > 0}@${stepCtx.attempt}`);
        }),
      ),
    );
    const running = runner.run();
    const handle = await runner.getOperation("approval").waitForData(WaitingOperationStatus.SUBMITTED);
    expect(handle.isWaitForCallback()).toBe(true);
    await handle.sendCallbackSuccess("ok");
    const result = await running;
    expect(result.getResult()).toBe("ok");
    expect(submitted).toEqual(["true@1"]);
    const children = result.getOperation("approval").getChildOperations();
    expect(children.map((c) => [c.getType(), c.getSubType()])).toEqual([
      ["CALLBACK", "Callback"],
      ["STEP", "Step"],
    ]);
  });

  it("a submitter that keeps failing rejects with CallbackSubmitterError after its retries", async () => {
    let attempts = 0;
    const result = await runnerFor(
      durable(async (_e, ctx) =>
        outcome(
          ctx.waitForCallback(
            "notify",
            async () => {
              attempts++;
              throw new Error("mail server down");
            },
            { retryStrategy: retryPresets.noRetry },
          ),
        ),
      ),
    ).run();
    expect(result.getResult()).toBe("CallbackSubmitterError:mail server down<Error:mail server down>");
    expect(attempts).toBe(1);
    expect(result.getOperation("notify").getStatus()).toBe("FAILED");
  });

  it("timeouts and external failures surface as CallbackTimeoutError / CallbackExternalError, also on replay", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const timedOut = await outcome(ctx.waitForCallback("t", async () => undefined, { timeout: { seconds: 30 } }));
        await ctx.wait({ seconds: 1 });
        return timedOut;
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toMatch(/^CallbackTimeoutError:/);
    expect(CallbackTimeoutError.name).toBe("CallbackTimeoutError");
    expect(CallbackExternalError.name).toBe("CallbackExternalError");
    expect(CallbackSubmitterError.name).toBe("CallbackSubmitterError");
  });
});

describe("createCallback with a schema", () => {
  it("returns the schema's output for a valid result and rejects an invalid one with CallbackExternalError(InvalidEventError)", async () => {
    const { z } = await import("zod");
    const Decision = z.object({ approved: z.boolean() });
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const json = { deserialize: async (data: string | undefined) => (data === undefined ? undefined : JSON.parse(data)) };
        const [good] = await ctx.createCallback("good", { serdes: json, schema: Decision });
        const [bad] = await ctx.createCallback("bad", { serdes: json, schema: Decision });
        return [await outcome(good), await outcome(bad)];
      }),
    );
    runner.onCallback("good", { success: { approved: true } });
    runner.onCallback("bad", { success: { approved: "maybe" } });
    const result = await runner.run();
    expect(result.getResult()).toEqual([
      'ok:{"approved":true}',
      expect.stringMatching(/^CallbackExternalError:The result of callback bad does not match its schema: .*<InvalidEventError:/),
    ]);
  });
});
