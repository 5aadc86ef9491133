/**
 * The `durable` kind (a durable execution invocation, for a `durableExecution` handler) and
 * `direct`, the catch-all: SDK invokes, Step Functions tasks and anything no other route claims.
 */
import type { LambdaContext, LambdaHandler } from "../types.js";
import { applyMiddleware } from "../types.js";
import type { DurableInvocationEvent } from "./events.js";
import { checkRules } from "./shaping.js";
import { runShaped, type CompiledRoute, type Route, type RouteCall, type RouteOptions } from "./route-spec.js";

function compileWhole<E, I, R>(spec: RouteCall<E, I, R>, index: number, kind: "durable" | "direct", label: string): CompiledRoute {
  const where = `routes[${index}]`;
  if (typeof spec?.handler !== "function") throw new TypeError(`${where}.handler: expected a function`);
  checkRules(where, spec.returns, spec.catches);
  return {
    kind,
    key: kind,
    label: `${where} (${label})`,
    claim: () => [0],
    handle: applyMiddleware(async (event: E, context: LambdaContext) => (await runShaped(spec, event, context)).value, spec.middleware),
  };
}

/**
 * The `durable` route: durable execution invocations go to `handler`, the Lambda handler that
 * `durableExecution(...)` returned. Shaping options apply to its raw answer (rarely wanted).
 * @example
 * durable(durableExecution(async (event, ctx) => ctx.step("work", () => work(event))))
 */
export function durable(handler: LambdaHandler<DurableInvocationEvent>, options: RouteOptions<DurableInvocationEvent, DurableInvocationEvent, unknown> = {}): Route {
  return { kind: "durable", compile: (index) => compileWhole({ ...options, handler }, index, "durable", "durable") };
}

/** A `direct` route. */
export type DirectRouteSpec<E, I, R> = RouteCall<E, I, R>;

/**
 * The catch-all route: any event no more specific route claims, whatever the order of the list.
 * @example
 * direct({ handler: async (event: { orderId: string }) => getStatus(event.orderId) })
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- default event type users rely on: an unannotated handler reads any event
export function direct<E = any, I = E, R = unknown>(spec: DirectRouteSpec<E, I, R>): Route {
  return { kind: "direct", compile: (index) => compileWhole(spec, index, "direct", "direct") };
}
