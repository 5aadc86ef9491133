/**
 * The typed client's surface, and the transport it runs on (in process, or a Lambda invoke).
 */
import type { ErrorRecord } from "../errors/codec.js";
import type { HandlersOf, PayloadOf, ResultOf } from "../definition/types.js";

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

/** One request as a transport carries it. */
export interface TransportRequest {
  actorId: string;
  handler: string;
  payload: unknown;
  callId: string;
}

/** How a client reaches an actor. */
export interface ActorTransport {
  call(actor: string, request: TransportRequest): Promise<unknown>;
  send(actor: string, request: TransportRequest): Promise<void>;
  result(actor: string, actorId: string, callId: string): Promise<CallResult>;
}
