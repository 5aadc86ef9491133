/**
 * The store contract: one record per actor id holding the lease, the version, the state and the
 * window of recent call ids, so an exclusive call costs two round trips (`acquire`, then `commit`
 * or `release`). Every write is conditional; a store must make each one atomic. See docs/actors.md.
 */
import type { ErrorRecord } from "../errors/codec.js";

/** The recorded outcome of one call, kept in the call window. */
export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: ErrorRecord };

/** One entry of the call window: which call committed which version, and what it answered. */
export interface CallRecord {
  callId: string;
  /** The version this call's commit produced (the starting version when it saved nothing). */
  version: number;
  outcome: CallOutcome;
}

/** The committed part of an actor: what a shared handler sees and an exclusive one starts from. */
export interface ActorSnapshot {
  /** 0 before the first commit. */
  version: number;
  /** The state as JSON text; undefined before the first commit (the actor's `initialState` applies). */
  state: string | undefined;
  /** Recent calls, oldest first, at most the window size. */
  calls: CallRecord[];
}

/** What `acquire` returns: the snapshot, read in the same round trip that took the lease. */
export interface Acquired extends ActorSnapshot {
  /** When the lease lapses (store clock, ms since the epoch). */
  leaseExpiresAt: number;
}

/** Keys one actor: the actor's name (its type) and its id. */
export interface ActorKey {
  actor: string;
  actorId: string;
}

/** One conditional write: fenced on `expectedVersion` and the lease `owner`. */
export interface CommitRequest extends ActorKey {
  owner: string;
  expectedVersion: number;
  /** The new state (JSON text), or undefined to keep the committed one. */
  state?: string;
  /** The version to write (> expectedVersion when the state changed, else equal). */
  newVersion: number;
  /** The call window to store (already trimmed), or undefined to keep it. */
  calls?: CallRecord[];
  /** Drop the lease in the same write (the end of a call). */
  release: boolean;
}

/** Storage engine of actors. */
export interface ActorStore {
  /** The item size limit in bytes the runtime checks before a write (DynamoDB: 400 KB). */
  readonly maxItemBytes: number;
  /**
   * Takes the lease for `owner` until `now + leaseMs` when nobody holds it or it has lapsed, and
   * returns the snapshot, in one atomic step. Returns undefined when another owner holds it.
   */
  acquire(key: ActorKey, owner: string, now: number, leaseMs: number): Promise<Acquired | undefined>;
  /** Writes when the version is `expectedVersion` and `owner` holds the lease; else throws {@link ActorConflictError}. */
  commit(request: CommitRequest): Promise<void>;
  /** Drops the lease if `owner` holds it (no-op otherwise). */
  release(key: ActorKey, owner: string): Promise<void>;
  /** The last committed snapshot (a strongly consistent read). */
  read(key: ActorKey): Promise<ActorSnapshot>;
}
