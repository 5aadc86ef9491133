/**
 * What a handler sees. Interfaces and TSDoc only; the runtime implements them.
 */
import type { ActorClient } from "../client/types.js";
import type { AnyActor } from "./types.js";

/** A structured logger (console-compatible; Powertools' Logger fits). */
export interface ActorLogger {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/** Options of `save()`. */
export interface SaveOptions {
  /**
   * Write now, in its own conditional write, keeping the lease (one more round trip). Use it before
   * an external effect that must only happen once the state is durable. Default false: the commit
   * point is written together with the call's result and the lease release when the handler ends.
   */
  flush?: boolean;
}

/** Shared by both handler kinds. */
export interface BaseActorContext {
  /** The id of the actor this call addresses (1–1,024 characters). */
  readonly actorId: string;
  /** The committed version this call started from (0 before the first commit). */
  readonly version: number;
  /** This call's id: the key of exactly-once delivery. */
  readonly callId: string;
  /** Logs with `actor`, `actorId` and `callId` attached. */
  readonly logger: ActorLogger;
  /**
   * A client of another actor (or this one) on the same store and queue. `send` from an exclusive
   * handler derives the call id from this call's id, so a re-run of this call cannot send twice.
   * @example
   * await ctx.client(leaderboard).send("global", "submit", { player, score });
   */
  client<A extends AnyActor>(actor: A): ActorClient<A>;
}

/** An exclusive handler's context: at most one runs per actor id at a time. */
export interface ExclusiveContext<S> extends BaseActorContext {
  /** A private draft of the state; mutate it, then `save()`. */
  state: S;
  /**
   * Marks the draft as committed: the version goes up by one. The write is fenced on the version
   * this call started from and on this call's lease, so a call whose lease lapsed (a frozen or slow
   * instance) cannot overwrite anything: `save()` (or the final write) throws {@link ActorConflictError}.
   * The state is JSON: checked here, with the item size limit, before anything is written.
   * @example
   * ctx.state.count += 1;
   * await ctx.save();
   */
  save(options?: SaveOptions): Promise<void>;
}

/** A shared handler's context: the last committed state, read-only, concurrent with any other call. */
export interface SharedContext<S> extends BaseActorContext {
  readonly state: Readonly<S>;
  /** Always throws {@link ActorReadOnlyError}: shared handlers cannot write. */
  save(options?: SaveOptions): Promise<never>;
}
