/**
 * The types of an actor definition: handler descriptors and the maps the typed client reads.
 */
import type { ExclusiveContext, SharedContext } from "./context.js";

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

/** The handler map of an actor. */
export type Handlers<S> = Record<string, Handler<S, any, any>>;

/** The payload type of a handler. */
export type PayloadOf<H> = H extends Handler<any, infer A, any> ? A : never;
/** The result type of a handler (awaited). */
export type ResultOf<H> = H extends Handler<any, any, infer R> ? Awaited<R> : never;

/** An actor definition (what `actor()` returns, without its methods). */
export interface ActorShape<S, H extends Handlers<S>> {
  /** The actor's name: its type, part of every key (1–64 of `[a-zA-Z0-9_-]`). */
  readonly name: string;
  readonly initialState: () => S;
  readonly handlers: H;
}

export type AnyActor = ActorShape<any, Handlers<any>>;
/** The state type of an actor. */
export type StateOf<A> = A extends ActorShape<infer S, any> ? S : never;
/** The handler map of an actor. */
export type HandlersOf<A> = A extends ActorShape<any, infer H> ? H : never;
