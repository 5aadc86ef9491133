/**
 * `actor()`: an actor definition with its typed handlers, and `actor.fromFunction()` for the
 * single-function style of the seed's wire shape.
 */
import type { ExclusiveContext } from "./definition/context.js";
import { exclusive } from "./definition/handlers.js";
import type { ActorShape, ExclusiveHandler, Handlers } from "./definition/context.js";
import { createLambdaHandler, type ActorLambdaHandler } from "./lambda/handler.js";
import { runtimeFromConfiguration, type LambdaHandlerOptions } from "./lambda/config.js";
import { checkActorName } from "./validation/input.js";

/** An actor: its definition and its Lambda entry. */
export interface Actor<S, H extends Handlers<S>> extends ActorShape<S, H> {
  /**
   * The Lambda handler: SQS batches of async calls and direct invokes
   * (`{ actorId, handler?, payload, sync? }`). Store and queue come from `options`, else from
   * `ACTOR_TABLE_NAME` / `ACTOR_QUEUE_URL`, else the embedded in-memory ones.
   * @example
   * export const handler = counter.lambdaHandler();
   */
  lambdaHandler(options?: LambdaHandlerOptions): ActorLambdaHandler;
}

/** The definition `actor()` takes. */
export interface ActorDefinition<S, H extends Handlers<S>> {
  /** The actor's type name (1–64 of `[a-zA-Z0-9_-]`), part of every key. */
  name: string;
  /** The state of an actor id before its first commit. Must be JSON. */
  initialState: () => S;
  handlers: H;
}

function build<S, H extends Handlers<S>>(d: ActorDefinition<S, H>): Actor<S, H> {
  if (typeof d !== "object" || d === null) throw new TypeError(`actor(): expected { name, initialState, handlers }, received ${d === null ? "null" : typeof d}`);
  const name = checkActorName(d.name);
  if (typeof d.initialState !== "function")
    throw new TypeError(`actor(${name}): initialState: expected a function returning the initial state, received ${typeof d.initialState}`);
  if (typeof d.handlers !== "object" || d.handlers === null || Object.keys(d.handlers).length === 0)
    throw new TypeError(`actor(${name}): handlers: expected at least one handler made with exclusive() or shared()`);
  for (const [key, h] of Object.entries(d.handlers)) {
    if ((h?.kind !== "exclusive" && h?.kind !== "shared") || typeof h.run !== "function") {
      throw new TypeError(`actor(${name}): handlers.${key}: expected exclusive(fn) or shared(fn), received ${typeof h}`);
    }
  }
  const self: Actor<S, H> = {
    name,
    initialState: d.initialState,
    handlers: d.handlers,
    lambdaHandler: (options = {}) => createLambdaHandler(self, () => runtimeFromConfiguration(self, options, process.env)),
  };
  return self;
}

/**
 * Defines an actor.
 * @example
 * export const counter = actor({
 *   name: "counter",
 *   initialState: () => ({ count: 0 }),
 *   handlers: {
 *     increment: exclusive(async (ctx, amount: number) => { ctx.state.count += amount; await ctx.save(); return ctx.state.count; }),
 *     get: shared(async (ctx) => ctx.state.count),
 *   },
 * });
 */
export const actor = Object.assign(build, {
  /**
   * An actor of one exclusive handler named `"default"`, for the wire shape without `handler`.
   * @example
   * export const counter = actor.fromFunction<{ count: number }>("counter", () => ({ count: 0 }), async (ctx, request: { amount: number }) => { ... });
   */
  fromFunction<S, A = unknown, R = unknown>(
    name: string,
    initialState: () => S,
    fn: (ctx: ExclusiveContext<S>, request: A) => Promise<R> | R,
  ): Actor<S, { default: ExclusiveHandler<S, A, R> }> {
    return build({ name, initialState, handlers: { default: exclusive(fn) } });
  },
});
