import type { Operation } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { DurableExecutionClientError, hashOperationId } from "@durable-ts/sdk";
import { durable, invokeOnce } from "./support.js";

/** One invocation whose checkpoint responses carry no CheckpointToken (the batch is applied). */
async function invokeWithTokenlessResponse(handler: ReturnType<typeof durable>, state: Operation[] = []) {
  const { answer, thrown, requests } = await invokeOnce(handler, state, () => ({ NewExecutionState: { Operations: [] } }));
  return { outcome: thrown !== undefined ? { thrown } : { answer }, requests };
}

describe("a checkpoint response without a CheckpointToken after a non-terminal batch", () => {
  it("with nothing waiting on the service, throws a transient error (Lambda retries) instead of answering PENDING with nothing pending", async () => {
    const ran: string[] = [];
    const { outcome, requests } = await invokeWithTokenlessResponse(
      durable(async (_e, ctx) => {
        await ctx.step("a", async () => ran.push("a"));
        await ctx.step("b", async () => ran.push("b"));
        return "done";
      }),
    );
    expect("thrown" in outcome).toBe(true);
    const error = (outcome as { thrown: unknown }).thrown;
    expect(error).toBeInstanceOf(DurableExecutionClientError);
    expect((error as DurableExecutionClientError).scope).toBe("INVOCATION");
    expect((error as Error).message).toContain("without a CheckpointToken and no operation waits on the service");
    expect(requests).toHaveLength(1); // nothing is sent without a token
  });

  it("answers PENDING when the batch itself started a wait", async () => {
    const { outcome } = await invokeWithTokenlessResponse(durable(async (_e, ctx) => ctx.wait("cool-down", { seconds: 30 })));
    expect(outcome).toEqual({ answer: { Status: "PENDING" } });
  });

  it("answers PENDING when the batch scheduled a step retry", async () => {
    const handler = durable(async (_e, ctx) =>
      ctx.step(
        "flaky",
        async () => {
          throw new Error("try again");
        },
        { retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 5 } }) },
      ),
    );
    const { outcome, requests } = await invokeWithTokenlessResponse(handler);
    expect(outcome).toEqual({ answer: { Status: "PENDING" } });
    expect(requests.flatMap((r) => r.Updates ?? []).map((u) => u.Action)).toContain("RETRY");
  });

  it("answers PENDING when the state already holds an operation waiting on the service (a callback nobody awaits)", async () => {
    const callback: Operation = {
      Id: hashOperationId("1"),
      Type: "CALLBACK",
      SubType: "Callback",
      Status: "STARTED",
      StartTimestamp: new Date(0),
      CallbackDetails: { CallbackId: "cb-1" },
    };
    const { outcome } = await invokeWithTokenlessResponse(
      durable(async (_e, ctx) => {
        await ctx.createCallback();
        await ctx.step("after", async () => 1);
        return "done";
      }),
      [callback],
    );
    expect(outcome).toEqual({ answer: { Status: "PENDING" } });
  });
});
