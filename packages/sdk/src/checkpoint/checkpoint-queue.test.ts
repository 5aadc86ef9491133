import type { CheckpointDurableExecutionRequest, OperationUpdate } from "@aws-sdk/client-lambda";
import { InvalidParameterValueException, ServiceException } from "@aws-sdk/client-lambda";
import { describe, expect, it, vi } from "vitest";
import { CheckpointQueue, type CheckpointQueueOptions } from "./checkpoint-queue.js";
import type { DurableExecutionClient } from "./durable-execution-client.js";

function fakeClient(respond?: (request: CheckpointDurableExecutionRequest, call: number) => unknown) {
  const requests: CheckpointDurableExecutionRequest[] = [];
  const client: DurableExecutionClient = {
    checkpoint: vi.fn(async (request: CheckpointDurableExecutionRequest) => {
      requests.push(structuredClone(request));
      const custom = respond?.(request, requests.length);
      if (custom instanceof Error) throw custom;
      return (custom as never) ?? { CheckpointToken: `token-${requests.length}`, NewExecutionState: { Operations: [] } };
    }),
    getExecutionState: vi.fn(async () => ({
      Operations: [{ Id: "paged", Type: "STEP" as const, Status: "SUCCEEDED" as const, StartTimestamp: new Date() }],
    })),
  };
  return { client, requests };
}

function queueWith(client: DurableExecutionClient, overrides: Partial<CheckpointQueueOptions> = {}) {
  const events = { deltas: [] as string[][], failures: [] as Error[], tokenMissing: 0 };
  const queue = new CheckpointQueue({
    client,
    executionArn: "arn:test",
    checkpointToken: "token-0",
    maxBatchBytes: 750_000,
    maxBatchUpdates: 250,
    onStateDelta: (ops) => events.deltas.push(ops.map((op) => op.Id as string)),
    onFailure: (error) => events.failures.push(error),
    onTokenMissing: () => (events.tokenMissing += 1),
    ...overrides,
  });
  return { queue, events };
}

const step = (id: string, action: OperationUpdate["Action"], extra: Partial<OperationUpdate> = {}): OperationUpdate => ({
  Id: id,
  Type: "STEP",
  SubType: "Step",
  Action: action,
  ...extra,
});

describe("CheckpointQueue", () => {
  it("batches updates enqueued in the same turn into one request and rotates the token", async () => {
    const { client, requests } = fakeClient();
    const { queue } = queueWith(client);
    await Promise.all([queue.enqueue(step("a", "START")), queue.enqueue(step("a", "SUCCEED")), queue.enqueue(step("b", "START"))]);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.Updates?.map((u) => `${u.Id}:${u.Action}`)).toEqual(["a:START", "a:SUCCEED", "b:START"]);
    expect(requests[0]!.CheckpointToken).toBe("token-0");
    await queue.enqueue(step("c", "START"));
    expect(requests[1]?.CheckpointToken).toBe("token-1");
    expect(queue.checkpointToken).toBe("token-2");
  });

  it("keeps one request in flight and sends what accumulated meanwhile as the next batch", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inFlight = 0;
    let maxInFlight = 0;
    const requests: CheckpointDurableExecutionRequest[] = [];
    const client: DurableExecutionClient = {
      checkpoint: async (request) => {
        requests.push(request);
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        if (requests.length === 1) await gate;
        inFlight -= 1;
        return { CheckpointToken: `t${requests.length}`, NewExecutionState: {} };
      },
      getExecutionState: async () => ({ Operations: [] }),
    };
    const { queue } = queueWith(client);
    const first = queue.enqueue(step("a", "START"));
    await new Promise((resolve) => setImmediate(resolve));
    const later = [queue.enqueue(step("b", "START")), queue.enqueue(step("c", "START"))];
    release();
    await Promise.all([first, ...later]);
    expect(maxInFlight).toBe(1);
    expect(requests.map((r) => r.Updates?.map((u) => u.Id))).toEqual([["a"], ["b", "c"]]);
  });

  it("sets a distinct ClientToken on every batch", async () => {
    const { client, requests } = fakeClient();
    const { queue } = queueWith(client);
    await queue.enqueue(step("a", "START"));
    await queue.enqueue(step("b", "START"));
    expect(requests[0]?.ClientToken).toMatch(/^[\x20-\x7e]{1,64}$/);
    expect(requests[0]?.ClientToken).not.toBe(requests[1]?.ClientToken);
  });

  it("cuts a batch when an Id would repeat beyond START + one non-START, at the update count and at EXECUTION", async () => {
    const { client, requests } = fakeClient();
    const { queue } = queueWith(client, { maxBatchUpdates: 3 });
    await Promise.all([
      queue.enqueue(step("a", "START")),
      queue.enqueue(step("a", "RETRY", { StepOptions: { NextAttemptDelaySeconds: 1 } })),
      queue.enqueue(step("a", "START")),
      queue.enqueue(step("b", "START")),
      queue.enqueue(step("c", "START")),
      queue.enqueue(step("d", "START")),
      queue.enqueue({ Id: "exec", Type: "EXECUTION", Action: "SUCCEED", Payload: "1" }),
      queue.enqueue(step("e", "START")),
    ]);
    expect(requests.map((r) => r.Updates?.map((u) => `${u.Id}:${u.Action}`))).toEqual([
      ["a:START", "a:RETRY"],
      ["a:START", "b:START", "c:START"],
      ["d:START", "exec:SUCCEED"],
      ["e:START"],
    ]);
  });

  it("cuts a batch before it exceeds the byte limit; a bigger single update goes alone", async () => {
    const { client, requests } = fakeClient();
    const { queue } = queueWith(client, { maxBatchBytes: 400 });
    const big = "x".repeat(500);
    await Promise.all([
      queue.enqueue(step("a", "SUCCEED", { Payload: "1" })),
      queue.enqueue(step("b", "SUCCEED", { Payload: big })),
      queue.enqueue(step("c", "SUCCEED", { Payload: "1" })),
    ]);
    expect(requests.map((r) => r.Updates?.map((u) => u.Id))).toEqual([["a"], ["b"], ["c"]]);
  });

  it("merges NewExecutionState, paging NextMarker with the new token before acknowledging", async () => {
    const { client } = fakeClient(() => ({
      CheckpointToken: "next",
      NewExecutionState: { Operations: [{ Id: "w", Type: "WAIT" as const, Status: "STARTED" as const, StartTimestamp: new Date() }], NextMarker: "m1" },
    }));
    const { queue, events } = queueWith(client);
    await queue.enqueue(step("a", "START"));
    expect(events.deltas).toEqual([["w", "paged"]]);
    expect(client.getExecutionState).toHaveBeenCalledWith(
      expect.objectContaining({ CheckpointToken: "next", Marker: "m1", MaxItems: 1000, DurableExecutionArn: "arn:test" }),
    );
  });

  it.each([
    ["a 500 ServiceException", new ServiceException({ message: "boom", $metadata: { httpStatusCode: 500 } }), "INVOCATION"],
    ["a stale token (any case)", new InvalidParameterValueException({ message: "Invalid Checkpoint Token: consumed", $metadata: { httpStatusCode: 400 } }), "INVOCATION"],
    ["a network error", Object.assign(new Error("socket hang up"), { name: "TimeoutError" }), "INVOCATION"],
    ["a 400 rule violation", new InvalidParameterValueException({ message: "Payload too large", $metadata: { httpStatusCode: 400 } }), "EXECUTION"],
  ])("classifies %s and rejects everything queued after it", async (_label, error, scope) => {
    const { client, requests } = fakeClient(() => error);
    const { queue, events } = queueWith(client);
    const results = await Promise.allSettled([queue.enqueue(step("a", "START")), queue.enqueue(step("b", "START"))]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(events.failures).toHaveLength(1);
    expect(events.failures[0]).toMatchObject({ name: "DurableExecutionClientError", scope });
    await expect(queue.enqueue(step("c", "START"))).rejects.toMatchObject({ name: "CancelledError" });
    expect(requests).toHaveLength(1);
  });

  it("stops and reports when a non-terminal batch is answered without a token", async () => {
    const { client } = fakeClient(() => ({ NewExecutionState: {} }));
    const { queue, events } = queueWith(client);
    await queue.enqueue(step("a", "START"));
    expect(events.tokenMissing).toBe(1);
    await expect(queue.enqueue(step("b", "START"))).rejects.toMatchObject({ name: "CancelledError" });
  });

  it("expects no token after a batch ending with EXECUTION SUCCEED", async () => {
    const { client } = fakeClient(() => ({ NewExecutionState: {} }));
    const { queue, events } = queueWith(client);
    await queue.enqueue({ Id: "exec", Type: "EXECUTION", Action: "SUCCEED", Payload: "1" });
    expect(events.tokenMissing).toBe(0);
  });

  it("whenIdle resolves once everything queued so far is acknowledged", async () => {
    const { client, requests } = fakeClient();
    const { queue } = queueWith(client);
    void queue.enqueue(step("a", "START"));
    expect(queue.isIdle).toBe(false);
    await queue.whenIdle();
    expect(queue.isIdle).toBe(true);
    expect(requests).toHaveLength(1);
  });
});
