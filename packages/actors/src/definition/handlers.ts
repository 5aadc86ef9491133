/** `exclusive()` and `shared()`: tag a handler function with its concurrency kind. */
import type { ExclusiveContext, SharedContext } from "./context.js";
import type { ExclusiveHandler, SharedHandler } from "./types.js";

function checkFunction(fn: unknown, what: string): void {
  if (typeof fn !== "function") throw new TypeError(`${what}: expected a handler function (ctx, payload) => result, received ${typeof fn}`);
}

/**
 * An exclusive handler: calls of one actor id never overlap; it may mutate `ctx.state` and `save()`.
 * @example
 * increment: exclusive(async (ctx, amount: number) => { ctx.state.count += amount; await ctx.save(); return ctx.state.count; })
 */
export function exclusive<S, A = void, R = unknown>(run: (ctx: ExclusiveContext<S>, payload: A) => Promise<R> | R): ExclusiveHandler<S, A, R> {
  checkFunction(run, "exclusive()");
  return { kind: "exclusive", run };
}

/**
 * A shared handler: read-only (`save()` throws), runs concurrently with other shared calls and with
 * an exclusive one, and sees the last committed state, never a draft.
 * @example
 * get: shared(async (ctx) => ctx.state.count)
 */
export function shared<S, A = void, R = unknown>(run: (ctx: SharedContext<S>, payload: A) => Promise<R> | R): SharedHandler<S, A, R> {
  checkFunction(run, "shared()");
  return { kind: "shared", run };
}
