import { createHash } from "node:crypto";
import type { CheckpointDurableExecutionRequest, Operation } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { createLambdaContext } from "@durable-ts/testing";
import { durable } from "./support.js";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST/durable-execution/order-42/9b1e77c0";
const at = new Date("2026-01-01T00:00:00Z");

/**
 * A log as the official JS SDK writes it for:
 *   step("charge-card") → runInChildContext("fulfil", c => { c.step("reserve"); c.wait("settle", 60 s); c.step("ship") })
 * interrupted while the wait ran: ids from protocol §5 (md5 of "1", "2", "2-1", "2-2").
 */
const officialLog: Operation[] = [
  { Id: "9b1e77c0", Type: "EXECUTION", Status: "STARTED", StartTimestamp: at, ExecutionDetails: { InputPayload: '{"orderId":42}' } },
  { Id: "c4ca4238a0b92382", Type: "STEP", SubType: "Step", Name: "charge-card", Status: "SUCCEEDED", StartTimestamp: at, StepDetails: { Attempt: 1, Result: '"ch_1"' } },
  { Id: "c81e728d9d4c2f63", Type: "CONTEXT", SubType: "RunInChildContext", Name: "fulfil", Status: "STARTED", StartTimestamp: at },
  {
    Id: "8fbdbf5573b18fae",
    ParentId: "c81e728d9d4c2f63",
    Type: "STEP",
    SubType: "Step",
    Name: "reserve",
    Status: "SUCCEEDED",
    StartTimestamp: at,
    StepDetails: { Attempt: 1, Result: '{"slot":3}' },
  },
  { Id: "3c46a0407be60a1f", ParentId: "c81e728d9d4c2f63", Type: "WAIT", SubType: "Wait", Name: "settle", Status: "SUCCEEDED", StartTimestamp: at, EndTimestamp: at },
];

describe("interoperability with executions started by the official SDK", () => {
  it("replays an official log and continues it with the same ids, types, subtypes and names", async () => {
    const requests: CheckpointDurableExecutionRequest[] = [];
    const ran: string[] = [];
    const handler = durable(async (event: { orderId: number }, ctx) => {
      const charge = await ctx.step("charge-card", async () => (ran.push("charge-card"), "ch_new"));
      return ctx.runInChildContext("fulfil", async (c) => {
        const reservation = await c.step("reserve", async () => (ran.push("reserve"), { slot: 0 }));
        await c.wait("settle", { seconds: 60 });
        const tracking = await c.step("ship", async () => (ran.push("ship"), `trk-${event.orderId}`));
        return { charge, slot: reservation.slot, tracking };
      });
    });
    const event = {
      DurableExecutionArn: ARN,
      CheckpointToken: "tok-0",
      InitialExecutionState: { Operations: officialLog },
      durableExecutionClient: {
        checkpoint: async (request: CheckpointDurableExecutionRequest) => {
          requests.push(request);
          return { CheckpointToken: `tok-${requests.length}`, NewExecutionState: { Operations: [] } };
        },
        getExecutionState: async () => ({ Operations: [] }),
      },
    };
    const answer = await handler(event as never, createLambdaContext("orders", 60_000));
    expect(answer).toEqual({ Status: "SUCCEEDED", Result: JSON.stringify({ charge: "ch_1", slot: 3, tracking: "trk-42" }) });
    expect(ran).toEqual(["ship"]);
    const updates = requests.flatMap((r) => r.Updates ?? []);
    // "ship" is raw id 2-3 under the context (raw id 2); then the context's SUCCEED with its result.
    expect(updates.map((u) => [u.Id, u.ParentId, u.Type, u.SubType, u.Name, u.Action])).toEqual([
      [hash("2-3"), "c81e728d9d4c2f63", "STEP", "Step", "ship", "START"],
      [hash("2-3"), "c81e728d9d4c2f63", "STEP", "Step", "ship", "SUCCEED"],
      ["c81e728d9d4c2f63", undefined, "CONTEXT", "RunInChildContext", "fulfil", "SUCCEED"],
    ]);
    expect(requests.every((r) => typeof r.ClientToken === "string" && r.ClientToken.length > 0)).toBe(true);
  });
});

function hash(raw: string): string {
  return createHash("md5").update(raw).digest("hex").slice(0, 16);
}
