/**
 * The engine: runs exclusive calls under a lease with fenced commits, shared calls on the last
 * committed state, and answers redelivered call ids from the call window. Transports (the typed
 * client, the Lambda handler, the queue consumer) all end here. Model: docs/actors.md.
 */
import { createHash, randomUUID } from "node:crypto";
import { createClient } from "../client/create-client.js";
import type { ActorClient, CallResult } from "../definition/context.js";
import type { ActorTransport, TransportRequest } from "../client/types.js";
import type { ActorLogger } from "../definition/context.js";
import type { AnyActor } from "../definition/context.js";
import { decodeError, encodeError } from "../errors/codec.js";
import { ACTOR_ERROR_CODES, ActorError, isActorError, isDeterministic } from "../errors/errors.js";
import type { ActorQueue } from "../queue/queue.js";
import type { ActorKey, ActorStore } from "../store/store.js";
import { systemClock, type Clock } from "../time/clock.js";
import { checkActorId, checkCallId, checkHandlerName } from "../validation/input.js";
import { DEFAULT_CALL_WINDOW, findCall } from "./call-window.js";
import { runExclusive, runShared, type CallEnv } from "./execute.js";
import { KeyChain } from "./key-chain.js";
import type { Execution, RuntimeSettings } from "./settings.js";
import { consoleLogger } from "./logger.js";

/** Options of {@link ActorRuntime}. */
export interface ActorRuntimeOptions {
  store: ActorStore;
  /** Where `send` queues async calls. Without one, `send` throws. */
  queue?: ActorQueue;
  /** Lease clock (default the wall clock). */
  clock?: Clock;
  /** This instance's name in lease owners, 1–64 characters (default a UUID). */
  instanceId?: string;
  /** How long a lease lasts: the longest an exclusive handler may run. Default 30 s. */
  leaseMs?: number;
  /** How long a call waits for another call's lease before {@link ActorBusyError}. Default 10 s. */
  lockWaitMs?: number;
  /** Recent call ids kept per actor for exactly-once (default 128). */
  callWindow?: number;
  logger?: ActorLogger;
}

function positiveInteger(value: number | undefined, fallback: number, field: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1)
    throw new ActorError(ACTOR_ERROR_CODES.CONFIG, `${field}: expected a positive integer, received ${n}`, { data: { field, received: n } });
  return n;
}

/** Runs actor calls against one store (and queue). Share one per process. */
export class ActorRuntime implements ActorTransport, RuntimeSettings {
  readonly store: ActorStore;
  readonly queue?: ActorQueue;
  readonly clock: Clock;
  readonly instanceId: string;
  readonly leaseMs: number;
  readonly lockWaitMs: number;
  readonly callWindow: number;
  readonly logger: ActorLogger;
  private readonly actors = new Map<string, AnyActor>();
  private readonly chain = new KeyChain();

  constructor(o: ActorRuntimeOptions) {
    if (o?.store === undefined) throw new ActorError(ACTOR_ERROR_CODES.CONFIG, "ActorRuntime: a store is required (InMemoryActorStore or DynamoActorStore)");
    this.store = o.store;
    this.queue = o.queue;
    this.clock = o.clock ?? systemClock;
    this.instanceId = o.instanceId ?? randomUUID();
    // Lease owners are `<instanceId>/<callId>`; the item size check leaves room for 200 characters.
    if (typeof this.instanceId !== "string" || this.instanceId.length < 1 || this.instanceId.length > 64) {
      throw new ActorError(ACTOR_ERROR_CODES.CONFIG, `instanceId: expected a string of 1 to 64 characters, received ${JSON.stringify(this.instanceId)}`, {
        data: { field: "instanceId" },
      });
    }
    this.leaseMs = positiveInteger(o.leaseMs, 30_000, "leaseMs");
    this.lockWaitMs = positiveInteger(o.lockWaitMs, 10_000, "lockWaitMs");
    this.callWindow = positiveInteger(o.callWindow, DEFAULT_CALL_WINDOW, "callWindow");
    this.logger = o.logger ?? consoleLogger;
  }

  /** Makes `actor` reachable by name (from queued messages and other actors' clients). */
  register(actor: AnyActor): void {
    const known = this.actors.get(actor.name);
    if (known !== undefined && known !== actor) throw new ActorError(ACTOR_ERROR_CODES.CONFIG, `Two different actors are named ${JSON.stringify(actor.name)}`);
    this.actors.set(actor.name, actor);
  }

  /** A typed client of `actor` on this runtime. */
  client<A extends AnyActor>(actor: A): ActorClient<A> {
    this.register(actor);
    return createClient(actor, this);
  }

  /**
   * Runs one call to completion and reports its outcome; never throws for a handler's error or a
   * runtime fault (they are in the outcome), only for a request that names no handler or actor.
   */
  async execute(actor: AnyActor, request: TransportRequest, holding: readonly ActorKey[] = []): Promise<Execution> {
    this.register(actor);
    let handler;
    try {
      checkActorId(request.actorId);
      checkCallId(request.callId);
      // checkHandlerName returns one of the actor's own handler names, so the lookup finds it.
      handler = actor.handlers[checkHandlerName(request.handler, Object.keys(actor.handlers), actor.name)]!;
    } catch (error) {
      return this.failed(error);
    }
    const key = { actor: actor.name, actorId: request.actorId };
    const env: CallEnv = {
      runtime: this,
      actor,
      key,
      request,
      clientFor: (a, exclusive, callId) => this.contextClient(a, exclusive ? [...holding, key] : holding, exclusive, callId),
    };
    if (handler.kind === "shared") return runShared(env, handler).catch((error: unknown) => this.failed(error));
    // A call chain that already holds this actor's lease would wait for itself (A → A, or A → B → A).
    if (holding.some((k) => k.actor === key.actor && k.actorId === key.actorId)) {
      return this.failed(
        new ActorError(
          ACTOR_ERROR_CODES.REENTRANT_CALL,
          `Handler ${request.handler} of actor ${key.actor} ${JSON.stringify(key.actorId)} was called from a call chain that holds that actor's lease, which would wait for itself; use send() instead`,
        ),
      );
    }
    return this.chain.run(`${key.actor}\u0000${key.actorId}`, () => runExclusive(env, handler).catch((error: unknown) => this.failed(error)), this.leaseMs);
  }

  /** An outcome for a fault outside the handler (bad input, the store failing). */
  failed(error: unknown): Execution {
    const retryable = !isActorError(error) || !isDeterministic(error.code);
    return { outcome: { ok: false, error: encodeError(error) }, thrown: error, replayed: false, retryable };
  }

  async call(actorName: string, request: TransportRequest): Promise<unknown> {
    const execution = await this.execute(this.actorNamed(actorName), request);
    if (execution.outcome.ok) return execution.outcome.value;
    throw execution.thrown !== undefined && isActorError(execution.thrown) ? execution.thrown : decodeError(execution.outcome.error);
  }

  async send(actorName: string, request: TransportRequest): Promise<void> {
    const actor = this.actorNamed(actorName);
    checkHandlerName(request.handler, Object.keys(actor.handlers), actor.name);
    if (this.queue === undefined) throw new ActorError(ACTOR_ERROR_CODES.CONFIG, `send: this runtime has no queue (pass queue: InMemoryActorQueue or SqsActorQueue)`);
    await this.queue.enqueue({ v: 1, actor: actorName, actorId: request.actorId, handler: request.handler, payload: request.payload ?? null, callId: request.callId });
  }

  async result(actorName: string, actorId: string, callId: string): Promise<CallResult> {
    const snapshot = await this.store.read({ actor: actorName, actorId });
    const record = findCall(snapshot.calls, callId);
    if (record === undefined) return { status: "unknown" };
    return record.outcome.ok ? { status: "succeeded", value: record.outcome.value } : { status: "failed", error: record.outcome.error };
  }

  /** The registered actor of `name`, or a typed error naming the known ones. */
  actorNamed(name: string): AnyActor {
    const actor = this.actors.get(name);
    if (actor === undefined) {
      throw new ActorError(
        ACTOR_ERROR_CODES.MALFORMED_EVENT,
        `No actor named ${JSON.stringify(name)} is registered with this runtime; known: ${[...this.actors.keys()].join(", ") || "none"}`,
        { data: { field: "actor", received: name } },
      );
    }
    return actor;
  }

  /** The client a handler gets: sends from an exclusive call get call ids derived from its own. */
  private contextClient<A extends AnyActor>(actor: A, holding: readonly ActorKey[], exclusive: boolean, parentCallId: string): ActorClient<A> {
    this.register(actor);
    let n = 0;
    const transport: ActorTransport = {
      call: async (name, request) => {
        const execution = await this.execute(this.actorNamed(name), request, holding);
        if (execution.outcome.ok) return execution.outcome.value;
        throw execution.thrown !== undefined && isActorError(execution.thrown) ? execution.thrown : decodeError(execution.outcome.error);
      },
      send: (name, request) => this.send(name, request),
      result: (name, actorId, callId) => this.result(name, actorId, callId),
    };
    return createClient(actor, transport, exclusive ? () => derivedCallId(parentCallId, ++n) : randomUUID);
  }
}

/** The n-th call id a call derives: the same on every re-run of that call, so the queue de-duplicates it. */
export function derivedCallId(parent: string, n: number): string {
  return createHash("sha256").update(`${parent}\u0000${n}`).digest("base64url");
}
