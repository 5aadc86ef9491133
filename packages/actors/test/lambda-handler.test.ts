import { describe, expect, it } from "vitest";
import { ActorRuntime, InMemoryActorQueue, InMemoryActorStore, actor, silentLogger, type SqsBatchResponse, type SqsEvent } from "../src/index.js";
import { counter } from "./fixtures.js";

function setup() {
  const store = new InMemoryActorStore();
  const queue = new InMemoryActorQueue();
  const runtime = new ActorRuntime({ store, queue, logger: silentLogger });
  return { store, queue, runtime, handler: counter.lambdaHandler({ runtime }) };
}

describe("the seed's wire shape", () => {
  it("runs a sync call and returns the handler's result", async () => {
    const { handler } = setup();
    expect(await handler({ actorId: "c1", handler: "increment", payload: 4, sync: true })).toBe(4);
    expect(await handler({ actorId: "c1", handler: "get", payload: null, sync: true })).toBe(4);
  });

  it("queues a call without sync and answers { queued: true, callId }; the SQS batch applies it", async () => {
    const { handler, queue } = setup();
    const answer = (await handler({ actorId: "c1", handler: "increment", payload: 2 })) as { queued: boolean; callId: string };
    expect(answer).toEqual({ queued: true, callId: expect.any(String) });
    await queue.drain((event) => handler(event) as Promise<SqsBatchResponse>);
    expect(await handler({ actorId: "c1", resultOf: answer.callId })).toEqual({ status: "succeeded", value: 2 });
  });

  it("actor.fromFunction serves requests without a handler name", async () => {
    const legacy = actor.fromFunction(
      "legacy",
      () => ({ total: 0 }),
      async (ctx, request: { add: number }) => {
        ctx.state.total += request.add;
        await ctx.save();
        return { total: ctx.state.total };
      },
    );
    const handler = legacy.lambdaHandler({ runtime: new ActorRuntime({ store: new InMemoryActorStore(), logger: silentLogger }) });
    expect(await handler({ actorId: "a", payload: { add: 2 }, sync: true })).toEqual({ total: 2 });
    expect(await handler({ actorId: "a", payload: { add: 3 }, sync: true })).toEqual({ total: 5 });
  });

  it("a sync handler error is thrown with its name and message; with envelope its data comes back too", async () => {
    const { handler } = setup();
    await expect(handler({ actorId: "e", handler: "steps", payload: { steps: 2, failAfter: 1 }, sync: true })).rejects.toMatchObject({
      name: "StepFailed",
      message: "failed after 1 saves",
    });
    expect(await handler({ actorId: "e2", handler: "steps", payload: { steps: 2, failAfter: 1 }, sync: true, envelope: true })).toEqual({
      ok: false,
      retryable: false,
      error: { name: "StepFailed", message: "failed after 1 saves", data: { saves: 1 } },
    });
  });

  it("names the fault of a malformed event", async () => {
    const { handler } = setup();
    await expect(handler(null)).rejects.toMatchObject({ code: "ACTOR_MALFORMED_EVENT", field: "event" });
    await expect(handler({ handler: "get" })).rejects.toMatchObject({ code: "ACTOR_INVALID_ID", field: "actorId" });
    await expect(handler({ actorId: "a", handler: 5 })).rejects.toMatchObject({ field: "handler" });
    await expect(handler({ actorId: "a", handler: "get", sync: "yes" })).rejects.toMatchObject({ field: "sync" });
    await expect(handler({ actorId: "a", handler: "nope", sync: true })).rejects.toMatchObject({ code: "ACTOR_UNKNOWN_HANDLER" });
  });
});

function record(id: string, actorId: string, body: unknown, group = actorId): SqsEvent["Records"][number] {
  return {
    messageId: id,
    receiptHandle: `rh-${id}`,
    body: typeof body === "string" ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: "1",
      SentTimestamp: "1",
      SenderId: "A",
      ApproximateFirstReceiveTimestamp: "1",
      MessageGroupId: group,
      MessageDeduplicationId: id,
      SequenceNumber: "1",
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:counter.fifo",
    awsRegion: "us-east-1",
  };
}

describe("SQS batches", () => {
  it("report a failed record and every later record of the same actor id, and run the other actor ids", async () => {
    const { handler, store } = setup();
    const call = (callId: string, actorId: string, handlerName: string, payload: unknown) => ({ v: 1, actor: "counter", actorId, handler: handlerName, payload, callId });
    const event: SqsEvent = {
      Records: [
        record("m1", "a", call("c1", "a", "increment", 1)),
        record("m2", "b", call("c2", "b", "increment", 10)),
        record("m3", "a", call("c3", "a", "steps", { steps: 1, failAfter: 1 })),
        record("m4", "b", call("c4", "b", "increment", 10)),
        record("m5", "a", call("c5", "a", "increment", 100)),
        record("m6", "z", "not json"),
      ],
    };
    const response = (await handler(event)) as SqsBatchResponse;
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: "m3" }, { itemIdentifier: "m5" }, { itemIdentifier: "m6" }]);
    const a = await store.read({ actor: "counter", actorId: "a" });
    // m3 saved once before throwing: recorded, so its redelivery answers the recorded error without running again.
    expect(JSON.parse(a.state!).count).toBe(2);
    const b = await store.read({ actor: "counter", actorId: "b" });
    expect(JSON.parse(b.state!).count).toBe(20);
  });

  it("an async call that keeps failing goes to the dead-letter queue after maxReceiveCount receives", async () => {
    const store = new InMemoryActorStore();
    const queue = new InMemoryActorQueue({ maxReceiveCount: 3 });
    const runtime = new ActorRuntime({ store, queue, logger: silentLogger });
    let runs = 0;
    const failing = actor({
      name: "failing",
      initialState: () => ({}),
      handlers: {
        go: (await import("../src/index.js")).exclusive(async () => {
          runs++;
          throw new Error("always");
        }),
      },
    });
    const handler = failing.lambdaHandler({ runtime });
    await handler({ actorId: "x", handler: "go", payload: null });
    await queue.drain((event) => handler(event) as Promise<SqsBatchResponse>);
    expect(runs).toBe(3);
    expect(queue.deadLetters).toHaveLength(1);
    expect(JSON.parse(queue.deadLetters[0]!.body)).toMatchObject({ actorId: "x", handler: "go" });
    expect(queue.depth).toBe(0);
  });
});

describe("configuration of lambdaHandler()", () => {
  it("uses DynamoDB and SQS when ACTOR_TABLE_NAME and ACTOR_QUEUE_URL are set, else the embedded store and queue", async () => {
    const { runtimeFromConfiguration } = await import("../src/lambda/config.js");
    const { DynamoActorStore, SqsActorQueue } = await import("../src/index.js");
    const production = runtimeFromConfiguration(
      counter,
      {},
      { ACTOR_TABLE_NAME: "actors", ACTOR_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/1/counter.fifo", ACTOR_LEASE_MS: "5000" },
    );
    expect(production.store).toBeInstanceOf(DynamoActorStore);
    expect(production.queue).toBeInstanceOf(SqsActorQueue);
    expect(production.leaseMs).toBe(5000);
    const embedded = runtimeFromConfiguration(counter, { logger: silentLogger }, {});
    expect(embedded.store).toBeInstanceOf(InMemoryActorStore);
    expect(embedded.queue).toBeInstanceOf(InMemoryActorQueue);
  });

  it("delivers queued calls in process when no queue is configured", async () => {
    const handler = counter.lambdaHandler({ logger: silentLogger });
    const { callId } = (await handler({ actorId: "embedded", handler: "increment", payload: 3 })) as { callId: string };
    for (let i = 0; i < 100 && ((await handler({ actorId: "embedded", resultOf: callId })) as { status: string }).status === "unknown"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await handler({ actorId: "embedded", resultOf: callId })).toEqual({ status: "succeeded", value: 3 });
  });

  it("rejects an out-of-range lease from the environment with a typed error", async () => {
    const { runtimeFromConfiguration } = await import("../src/lambda/config.js");
    expect(() => runtimeFromConfiguration(counter, {}, { ACTOR_LEASE_MS: "soon" })).toThrow(/leaseMs: expected a positive integer, received NaN/);
  });
});
