/**
 * One call, exclusive or shared. An exclusive call makes two round trips: `acquire` (take the
 * lease and read state, version and call window in one conditional update), then one conditional
 * write that commits the last saved draft, records the call and releases the lease. `save()` marks
 * the commit point; `save({ flush: true })` writes it at once, keeping the lease.
 */
import type { AnyActor, ExclusiveHandler, SharedHandler } from "../definition/context.js";
import type { ActorClient } from "../definition/context.js";
import type { TransportRequest } from "../client/types.js";
import type { ExclusiveContext, SaveOptions, SharedContext } from "../definition/context.js";
import { encodeError } from "../errors/codec.js";
import { ActorBusyError, ActorConflictError, ActorReadOnlyError, ActorStateTooLargeError, isActorError, isDeterministic } from "../errors/errors.js";
import type { Acquired, ActorKey, CallOutcome } from "../store/store.js";
import { itemBytes } from "../store/item-size.js";
import { toJson } from "../validation/input.js";
import { appendCall, findCall } from "./call-window.js";
import { withFields } from "./logger.js";
import type { Execution, RuntimeSettings } from "./settings.js";

/** What one call runs with. */
export interface CallEnv {
  runtime: RuntimeSettings;
  actor: AnyActor;
  key: ActorKey;
  request: TransportRequest;
  clientFor<A extends AnyActor>(actor: A, exclusive: boolean, callId: string): ActorClient<A>;
}

/** The first backoff of a lock wait; doubled up to {@link MAX_BACKOFF_MS}. */
const FIRST_BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 100;

/** Takes the lease, waiting with jittered backoff while another call holds it, up to the lock wait. */
async function acquire(env: CallEnv, owner: string): Promise<Acquired> {
  const { runtime, key } = env;
  const started = runtime.clock.now();
  let backoff = FIRST_BACKOFF_MS;
  for (;;) {
    const acquired = await runtime.store.acquire(key, owner, runtime.clock.now(), runtime.leaseMs);
    if (acquired !== undefined) return acquired;
    const waited = runtime.clock.now() - started;
    if (waited >= runtime.lockWaitMs) throw new ActorBusyError(key.actorId, waited);
    await runtime.clock.sleep(Math.min(backoff, runtime.lockWaitMs - waited) * (0.5 + Math.random() / 2));
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
}

// The state is whatever JSON the actor keeps; its type is the definition's, checked at the edges.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- AnyActor's state is `any` too
function parseState(actor: AnyActor, text: string | undefined): any {
  return text === undefined ? actor.initialState() : JSON.parse(text);
}

/** The item size of a write, checked before it is sent. */
function checkSize(env: CallEnv, state: string, calls: unknown): void {
  // Every attribute of the DynamoDB item, with room for a lease owner (instance id / call id).
  const bytes = itemBytes({ pk: `${env.key.actor}#${env.key.actorId}`, actorId: env.key.actorId, state, calls: JSON.stringify(calls), leaseOwner: "x".repeat(200) }, [
    "version",
    "leaseExpiresAt",
  ]);
  if (bytes > env.runtime.store.maxItemBytes) throw new ActorStateTooLargeError(env.key.actorId, bytes, env.runtime.store.maxItemBytes);
}

function baseContext(env: CallEnv, version: number, exclusive: boolean) {
  const { runtime, key, request } = env;
  return {
    actorId: key.actorId,
    version,
    callId: request.callId,
    logger: withFields(runtime.logger, { actor: key.actor, actorId: key.actorId, callId: request.callId, handler: request.handler }),
    client: <A extends AnyActor>(actor: A) => env.clientFor(actor, exclusive, request.callId),
  };
}

function outcomeOf(value: unknown): CallOutcome {
  // Results travel as JSON: check now, while the call can still fail cleanly.
  return { ok: true, value: JSON.parse(toJson(value, "result")) };
}

export async function runExclusive(env: CallEnv, handler: ExclusiveHandler<unknown, unknown, unknown>): Promise<Execution> {
  const { runtime, key, request } = env;
  const owner = `${runtime.instanceId}/${request.callId}`;
  const acquired = await acquire(env, owner);
  const recorded = findCall(acquired.calls, request.callId);
  if (recorded !== undefined) {
    await runtime.store.release(key, owner);
    return { outcome: recorded.outcome, replayed: true, retryable: false };
  }

  let committedVersion = acquired.version; // what the store holds now
  let savedVersion = acquired.version; // the version of the last commit point
  let savedState: string | undefined; // the last commit point not yet written
  const draft = { value: parseState(env.actor, acquired.state) };
  const ctx: ExclusiveContext<unknown> = {
    ...baseContext(env, acquired.version, true),
    get state() {
      return draft.value;
    },
    set state(next: unknown) {
      draft.value = next;
    },
    async save(options: SaveOptions = {}) {
      if (runtime.clock.now() >= acquired.leaseExpiresAt) {
        throw new ActorConflictError(
          key.actorId,
          `save(): the lease of actor ${JSON.stringify(key.actorId)} lapsed ${runtime.clock.now() - acquired.leaseExpiresAt} ms ago (leaseMs ${runtime.leaseMs}); another call may have taken it, so nothing was written`,
        );
      }
      const text = toJson(draft.value, "state");
      checkSize(env, text, acquired.calls);
      // The draft stays private: later mutations must not leak into what was saved.
      draft.value = JSON.parse(text);
      savedState = text;
      savedVersion += 1;
      if (options.flush === true) {
        await runtime.store.commit({ ...key, owner, expectedVersion: committedVersion, newVersion: savedVersion, state: savedState, release: false });
        committedVersion = savedVersion;
        savedState = undefined;
      }
    },
  };

  let outcome: CallOutcome;
  let thrown: unknown;
  try {
    outcome = outcomeOf(await handler.run(ctx, request.payload));
  } catch (error) {
    thrown = error;
    outcome = { ok: false, error: encodeError(error) };
  }

  const changed = savedVersion !== committedVersion;
  if (!outcome.ok && !changed && committedVersion === acquired.version) {
    // Nothing was committed: not recorded, so a retry runs the handler again (unless retrying cannot help).
    await runtime.store.release(key, owner).catch(() => undefined);
    return { outcome, thrown, replayed: false, retryable: !isActorError(thrown) || !isDeterministic(thrown.code) };
  }
  const calls = appendCall(acquired.calls, { callId: request.callId, version: savedVersion, outcome }, runtime.callWindow);
  try {
    checkSize(env, savedState ?? acquired.state ?? "", calls);
  } catch (error) {
    await runtime.store.release(key, owner);
    throw error;
  }
  await runtime.store.commit({
    ...key,
    owner,
    expectedVersion: committedVersion,
    newVersion: savedVersion,
    state: changed ? savedState : undefined,
    calls,
    release: true,
  });
  // A handler error after a commit point is recorded: re-running would apply that commit twice.
  return { outcome, thrown, replayed: false, retryable: false };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export async function runShared(env: CallEnv, handler: SharedHandler<unknown, unknown, unknown>): Promise<Execution> {
  const snapshot = await env.runtime.store.read(env.key);
  const ctx: SharedContext<unknown> = {
    ...baseContext(env, snapshot.version, false),
    state: deepFreeze(parseState(env.actor, snapshot.state)),
    save: () => Promise.reject(new ActorReadOnlyError(env.request.handler)),
  };
  try {
    return { outcome: outcomeOf(await handler.run(ctx, env.request.payload)), replayed: false, retryable: false };
  } catch (error) {
    return { outcome: { ok: false, error: encodeError(error) }, thrown: error, replayed: false, retryable: !isActorError(error) || !isDeterministic(error.code) };
  }
}
