/** The handler shapes the toolkit composes: any Lambda handler, and middleware around one. */
import type { LambdaContext } from "../context/lambda-context.js";

export type { LambdaContext };

/** Any Lambda handler, `(event, context) => result` (async or not). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- "any handler": default parameters make every handler assignable (bivariance)
export type LambdaHandler<E = any, R = any> = (event: E, context: LambdaContext) => R | Promise<R>;

/**
 * Middleware in the Lambda ecosystem's shape: takes a handler, returns a handler. A middy-wrapped
 * handler (`(h) => middy(h).use(...)`) or a Powertools wrapper fits as is. The first entry of a
 * `middleware` list is the outermost.
 */
export type Middleware = (handler: LambdaHandler) => LambdaHandler;

/** Wraps `handler` in `middleware`, the first entry outermost. */
export function applyMiddleware(handler: LambdaHandler, middleware: readonly Middleware[] | undefined): LambdaHandler {
  if (!middleware || middleware.length === 0) return handler;
  let wrapped = handler;
  for (let i = middleware.length - 1; i >= 0; i--) {
    const next = middleware[i]!(wrapped); // i is within the bounds checked by the loop
    if (typeof next !== "function") throw new TypeError(`middleware[${i}] returned ${next === null ? "null" : typeof next}, expected a handler function`);
    wrapped = next;
  }
  return wrapped;
}
