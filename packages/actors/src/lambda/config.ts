/**
 * The runtime of `actor.lambdaHandler()` from configuration: `ACTOR_TABLE_NAME` selects the
 * DynamoDB store, `ACTOR_QUEUE_URL` the SQS FIFO queue. Without a table the embedded store and
 * queue are used (state lives as long as the process: for local runs and tests only).
 */
import type { AnyActor } from "../definition/context.js";
import { InMemoryActorQueue } from "../queue/in-memory-queue.js";
import { SqsActorQueue } from "../queue/sqs-queue.js";
import { ActorRuntime, type ActorRuntimeOptions } from "../runtime/runtime.js";
import { DynamoActorStore } from "../store/dynamo-store.js";
import { InMemoryActorStore } from "../store/in-memory-store.js";
import { processSqsBatch } from "./sqs-batch.js";

/** Options of `lambdaHandler()`: a runtime, or the parts of one (the rest from the environment). */
export type LambdaHandlerOptions = { runtime: ActorRuntime } | Partial<ActorRuntimeOptions>;

function integerEnv(env: Record<string, string | undefined>, name: string): number | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : Number(value);
}

/** Builds the runtime from options, then `env` (read once, at the first invoke). */
export function runtimeFromConfiguration(actor: AnyActor, o: LambdaHandlerOptions, env: Record<string, string | undefined>): ActorRuntime {
  if ("runtime" in o && o.runtime !== undefined) return o.runtime;
  const parts = o as Partial<ActorRuntimeOptions>;
  const table = env.ACTOR_TABLE_NAME;
  const queueUrl = env.ACTOR_QUEUE_URL;
  const store = parts.store ?? (table ? new DynamoActorStore({ tableName: table }) : new InMemoryActorStore());
  let queue = parts.queue ?? (queueUrl ? new SqsActorQueue({ queueUrl }) : undefined);
  const options = { ...parts, leaseMs: parts.leaseMs ?? integerEnv(env, "ACTOR_LEASE_MS"), lockWaitMs: parts.lockWaitMs ?? integerEnv(env, "ACTOR_LOCK_WAIT_MS") };
  if (queue === undefined && !table) {
    // Embedded: queued calls are delivered in this process, as the event source mapping would.
    const embedded = new InMemoryActorQueue();
    queue = embedded;
    const runtime = new ActorRuntime({ ...options, store, queue });
    let draining = false;
    const pump = setInterval(() => {
      if (draining) return; // one poller, as one event source mapping per queue
      draining = true;
      void embedded
        .drain((event) => processSqsBatch(runtime, actor, event))
        .catch((error: unknown) => runtime.logger.error("Embedded queue delivery failed", { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => (draining = false));
    }, 10);
    pump.unref();
    return runtime;
  }
  return new ActorRuntime({ ...options, store, queue });
}
