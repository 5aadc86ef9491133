/**
 * The manual of actor definitions: what a handler sees (its context), the handler descriptors, and
 * the typed client a context hands out. Interfaces and TSDoc only; runtime/ implements them.
 */
import type { ErrorRecord } from "../errors/codec.js";
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

/** An exclusive handler: never overlaps another exclusive call of the same actor id. */
export interface ExclusiveHandler<S, A, R> {
  readonly kind: "exclusive";
  readonly run: (ctx: ExclusiveContext<S>, payload: A) => Promise<R> | R;
}

/** A shared handler: read-only, runs concurrently with anything. */
export interface SharedHandler<S, A, R> {
  readonly kind: "shared";
  readonly run: (ctx: SharedContext<S>, payload: A) => Promise<R> | R;
}

export type Handler<S, A, R> = ExclusiveHandler<S, A, R> | SharedHandler<S, A, R>;

// The `any`s below are type-level wildcards: `S` is invariant (an exclusive handler writes
// `ctx.state`) and a payload is a parameter, so no `unknown`/`never` matches every handler.
/** The handler map of an actor. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a wildcard, see above
export type Handlers<S> = Record<string, Handler<S, any, any>>;

/** The payload type of a handler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a wildcard, see above
export type PayloadOf<H> = H extends Handler<any, infer A, any> ? A : never;
/** The result type of a handler (awaited). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a wildcard, see above
export type ResultOf<H> = H extends Handler<any, any, infer R> ? Awaited<R> : never;

/** An actor definition (what `actor()` returns, without its methods). */
export interface ActorShape<S, H extends Handlers<S>> {
  /** The actor's name: its type, part of every key (1–64 of `[a-zA-Z0-9_-]`). */
  readonly name: string;
  readonly initialState: () => S;
  readonly handlers: H;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a wildcard, see above
export type AnyActor = ActorShape<any, Handlers<any>>;
/** The state type of an actor. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a wildcard, see above
export type StateOf<A> = A extends ActorShape<infer S, any> ? S : never;
/** The handler map of an actor. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a wildcard, see above
export type HandlersOf<A> = A extends ActorShape<any, infer H> ? H : never;

/** Options of one call. */
export interface CallOptions {
  /**
   * The call id (1–128 printable ASCII characters): calls with the same id take effect once.
   * Default: a new UUID. Pass your own to make a client retry safe.
   */
  callId?: string;
}

/** The arguments after the handler name: the payload (optional when the handler takes none) and options. */
export type PayloadArgs<H> = [PayloadOf<H>] extends [void] ? [payload?: PayloadOf<H>, options?: CallOptions] : [payload: PayloadOf<H>, options?: CallOptions];

/** What `result(callId)` finds. `unknown`: not committed yet, or already out of the call window. */
export type CallResult<R = unknown> = { status: "succeeded"; value: R } | { status: "failed"; error: ErrorRecord } | { status: "unknown" };

/** A typed client of one actor. */
export interface ActorClient<A> {
  /**
   * Runs a handler now and returns its result; a handler's error is thrown as an
   * {@link ActorHandlerError} with the same `name`, `message` and `data`.
   * @example
   * const count = await actorClient(counter, { runtime }).call("counter-7", "increment", 5);
   */
  call<K extends keyof HandlersOf<A> & string>(actorId: string, handler: K, ...args: PayloadArgs<HandlersOf<A>[K]>): Promise<ResultOf<HandlersOf<A>[K]>>;
  /**
   * Queues a call (per actor id FIFO) and returns its call id; `result(actorId, callId)` reads the outcome.
   * @example
   * const callId = await client.send("counter-7", "increment", 1);
   */
  send<K extends keyof HandlersOf<A> & string>(actorId: string, handler: K, ...args: PayloadArgs<HandlersOf<A>[K]>): Promise<string>;
  /** The recorded outcome of a call, from the actor's call window. */
  result(actorId: string, callId: string): Promise<CallResult>;
}
