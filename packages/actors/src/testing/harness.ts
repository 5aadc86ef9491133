/**
 * The actor test harness: several simulated instances (runtimes with their own instance ids)
 * against one store and one FIFO queue, a manual lease clock, delivery of queued calls through the
 * actors' SQS batch handler with crash injection between the commit and the acknowledgement, and
 * reads of versions, states and call ids for assertions.
 */
import { actorClient } from "../actor-client.js";
import type { ActorClient, AnyActor, StateOf } from "../definition/context.js";
import { processSqsBatch } from "../lambda/sqs-batch.js";
import { parseQueuedCall } from "../lambda/wire.js";
import { InMemoryActorQueue } from "../queue/in-memory-queue.js";
import type { SqsBatchResponse, SqsEvent, SqsRecord } from "../queue/sqs-event.js";
import { ActorRuntime } from "../runtime/runtime.js";
import { silentLogger } from "../runtime/logger.js";
import { InMemoryActorStore } from "../store/in-memory-store.js";
import type { ActorStore, CallRecord } from "../store/store.js";
import { ManualClock } from "./manual-clock.js";

/** Options of {@link createActorHarness}. */
export interface ActorHarnessOptions {
  actors: AnyActor[];
  /** Simulated instances (default 2). */
  instances?: number;
  /** The store (default a new in-memory store; pass a DynamoActorStore to run against DynamoDB). */
  store?: ActorStore;
  /** Lease length (default 30 s of the manual clock). */
  leaseMs?: number;
  /** The queue's visibility timeout (default 30 s) and receives before the dead-letter list (default 3). */
  visibilityTimeoutMs?: number;
  maxReceiveCount?: number;
}

/** One simulated deployment. Create with {@link createActorHarness}. */
export interface ActorHarness {
  readonly clock: ManualClock;
  readonly store: ActorStore;
  readonly queue: InMemoryActorQueue;
  readonly instances: readonly ActorRuntime[];
  /** A typed client on instance `instance` (default 0). */
  client<A extends AnyActor>(actor: A, instance?: number): ActorClient<A>;
  /**
   * Delivers one batch on `instance` (default: round robin). `crashBeforeAck`: the instance dies
   * after its commits and before the queue's acknowledgement, so the batch comes back once the
   * visibility timeout has passed. Returns the number of records delivered.
   */
  deliver(o?: { instance?: number; crashBeforeAck?: boolean; max?: number }): Promise<number>;
  /** Delivers until the queue is empty, moving the clock past the visibility timeout when only in-flight messages remain. */
  drain(o?: { max?: number }): Promise<void>;
  /** The committed version of an actor id. */
  version(actor: AnyActor, actorId: string): Promise<number>;
  /** The committed state of an actor id (the initial state before the first commit). */
  state<A extends AnyActor>(actor: A, actorId: string): Promise<StateOf<A>>;
  /** The call window of an actor id, oldest first. */
  calls(actor: AnyActor, actorId: string): Promise<CallRecord[]>;
  /** Throws unless every call id in the window is there once and versions only grow. */
  assertCallsOnce(actor: AnyActor, actorId: string): Promise<void>;
}

/**
 * A harness of simulated instances on one store and queue.
 * @example
 * const h = createActorHarness({ actors: [counter], instances: 3 });
 * await h.client(counter, 1).send("c", "increment", 1);
 * await h.deliver({ crashBeforeAck: true }); // committed, never acknowledged
 * h.clock.advance(30_000);
 * await h.drain(); // redelivered: answered from the call window, not run again
 * expect(await h.version(counter, "c")).toBe(1);
 */
export function createActorHarness(o: ActorHarnessOptions): ActorHarness {
  const clock = new ManualClock();
  const store = o.store ?? new InMemoryActorStore();
  const queue = new InMemoryActorQueue({ clock, visibilityTimeoutMs: o.visibilityTimeoutMs ?? 30_000, maxReceiveCount: o.maxReceiveCount ?? 3 });
  const count = o.instances ?? 2;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`instances: expected a positive integer, received ${count}`);
  const instances = Array.from({ length: count }, (_, i) => {
    const runtime = new ActorRuntime({ store, queue, clock, instanceId: `instance-${i}`, leaseMs: o.leaseMs, logger: silentLogger });
    for (const a of o.actors) runtime.register(a);
    return runtime;
  });
  const instanceAt = (i: number): ActorRuntime => {
    const runtime = instances[i];
    if (runtime === undefined) throw new RangeError(`instance: expected an integer from 0 to ${instances.length - 1}, received ${i}`);
    return runtime;
  };
  const byName = new Map(o.actors.map((a) => [a.name, a]));
  let turn = 0;

  // The event source mapping of one function per actor, folded into one queue: split by actor.
  const batchHandler =
    (runtime: ActorRuntime) =>
    async (event: SqsEvent): Promise<SqsBatchResponse> => {
      const groups = new Map<AnyActor, SqsRecord[]>();
      const failures: { itemIdentifier: string }[] = [];
      for (const record of event.Records) {
        let target: AnyActor | undefined;
        try {
          target = byName.get(parseQueuedCall(record.body).actor);
        } catch {
          target = undefined;
        }
        if (target === undefined) failures.push({ itemIdentifier: record.messageId });
        else groups.set(target, [...(groups.get(target) ?? []), record]);
      }
      for (const [target, records] of groups) failures.push(...(await processSqsBatch(runtime, target, { Records: records })).batchItemFailures);
      return { batchItemFailures: failures };
    };

  const read = (actor: AnyActor, actorId: string) => store.read({ actor: actor.name, actorId });
  const harness: ActorHarness = {
    clock,
    store,
    queue,
    instances,
    client: (actor, instance = 0) => actorClient(actor, { runtime: instanceAt(instance) }),
    deliver: (d = {}) => queue.deliver(batchHandler(instanceAt(d.instance ?? turn++ % instances.length)), { max: d.max, crashBeforeAck: d.crashBeforeAck }),
    async drain(d = {}) {
      for (let rounds = 0; queue.depth > 0; rounds++) {
        if (rounds > 10_000) throw new Error(`drain: the queue still holds ${queue.depth} messages after 10,000 batches`);
        if ((await harness.deliver({ max: d.max })) === 0) clock.advance(o.visibilityTimeoutMs ?? 30_000);
      }
    },
    version: async (actor, actorId) => (await read(actor, actorId)).version,
    async state(actor, actorId) {
      const snap = await read(actor, actorId);
      return (snap.state === undefined ? actor.initialState() : JSON.parse(snap.state)) as StateOf<typeof actor>;
    },
    calls: async (actor, actorId) => (await read(actor, actorId)).calls,
    async assertCallsOnce(actor, actorId) {
      const calls = await harness.calls(actor, actorId);
      const ids = calls.map((c) => c.callId);
      const twice = ids.find((id, i) => ids.indexOf(id) !== i);
      if (twice !== undefined) throw new Error(`Call ${twice} is recorded twice for actor ${actorId}`);
      for (const [i, call] of calls.entries()) {
        const before = calls[i - 1];
        if (before !== undefined && call.version < before.version)
          throw new Error(`Call ${call.callId} recorded version ${call.version} after version ${before.version}`);
      }
    },
  };
  return harness;
}
