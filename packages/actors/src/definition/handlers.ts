/**
 * `exclusive()` and `shared()`: tag a handler function with its concurrency kind.
 *
 * TypeScript cannot carry an actor's state type from `initialState` into a handler written inline
 * in the same `actor({...})` call (the state type is not fixed while the handler is checked), so
 * the inline form types `ctx.state` as `any` while payload and result types are inferred. For a
 * checked `ctx.state`, take the pair from {@link handlersFor}.
 */
import type { ExclusiveContext, SharedContext } from "./context.js";
import type { ExclusiveHandler, SharedHandler } from "./context.js";

function checkFunction(fn: unknown, what: string): void {
  if (typeof fn !== "function") throw new TypeError(`${what}: expected a handler function (ctx, payload) => result, received ${typeof fn}`);
}

/**
 * An exclusive handler: calls of one actor id never overlap; it may mutate `ctx.state` and `save()`.
 * @example
 * increment: exclusive(async (ctx, amount: number) => { ctx.state.count += amount; await ctx.save(); return ctx.state.count; })
 */
// NoInfer: the state type must not be inferred from the actor's still-unfixed one (that gives `unknown`).
// The `any` default makes a handler whose state type is not spelled out fit the actor it is declared in.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export function exclusive<S = any, A = void, R = unknown>(run: (ctx: ExclusiveContext<S>, payload: A) => Promise<R> | R): ExclusiveHandler<NoInfer<S>, A, R> {
  checkFunction(run, "exclusive()");
  return { kind: "exclusive", run };
}

/**
 * A shared handler: read-only (`save()` throws), runs concurrently with other shared calls and with
 * an exclusive one, and sees the last committed state, never a draft.
 * @example
 * get: shared(async (ctx) => ctx.state.count)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as for exclusive()
export function shared<S = any, A = void, R = unknown>(run: (ctx: SharedContext<S>, payload: A) => Promise<R> | R): SharedHandler<NoInfer<S>, A, R> {
  checkFunction(run, "shared()");
  return { kind: "shared", run };
}

/**
 * `exclusive` and `shared` bound to a state type, so `ctx.state` is checked.
 * @example
 * type Cart = { items: string[] };
 * const { exclusive, shared } = handlersFor<Cart>();
 * const cart = actor({ name: "cart", initialState: (): Cart => ({ items: [] }), handlers: { add: exclusive(async (ctx, item: string) => { ctx.state.items.push(item); await ctx.save(); }) } });
 */
export function handlersFor<S>(): {
  exclusive: <A = void, R = unknown>(run: (ctx: ExclusiveContext<S>, payload: A) => Promise<R> | R) => ExclusiveHandler<S, A, R>;
  shared: <A = void, R = unknown>(run: (ctx: SharedContext<S>, payload: A) => Promise<R> | R) => SharedHandler<S, A, R>;
} {
  return { exclusive, shared };
}
