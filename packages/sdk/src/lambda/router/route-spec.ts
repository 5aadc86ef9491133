/**
 * What every route kind shares: the optional `inputs` / `returns` / `catches` / `middleware`, the
 * compiled form the router dispatches on, and {@link runShaped}, which runs one handler call with
 * its shaping (the one place that orders inputs → handler → returns, or → catches).
 */
import type { LambdaContext, LambdaHandler, Middleware } from "../types.js";
import type { EventKind } from "./events.js";
import { shapeError, shapeResult, type CatchRule, type HttpShape, type ReturnRule } from "./shaping.js";

/** Options every route kind takes. `E` is the route's view of the event, `I` the handler's input, `R` its result. */
export interface RouteOptions<E, I, R> {
  /** Maps the event (the kind's view of it) and context to the handler's input. Default: the event view itself. */
  inputs?: (event: E, context: LambdaContext) => I | Promise<I>;
  /** Shapes a successful result; see the precedence rules in docs/lambda-handlers.md. */
  returns?: ReturnRule<E, R>[];
  /** Shapes errors that carry a `code`; anything not caught propagates. */
  catches?: CatchRule<E>[];
  /** Wrappers around this route's Lambda-level handler (it receives the raw event), first outermost. */
  middleware?: Middleware[];
}

/** A route as `router()` takes it; build one with `httpApi`, `sqs`, `eventBridge`, `schedule`, `durable` or `direct`. */
export interface Route {
  readonly kind: "durable" | "httpApi" | "sqs" | "eventBridge" | "schedule" | "direct";
  /** @internal The compiled form; routes are opaque to users. */
  readonly compile: (index: number) => CompiledRoute;
}

/** A route ready to dispatch. */
export interface CompiledRoute {
  kind: EventKind;
  /** Identity of what it claims: two routes with the same key claim the same events (a ConfigError). */
  key: string;
  /** How errors name it, e.g. `routes[2] (httpApi GET /orders/{id})`. */
  label: string;
  /** Its specificity for an event of its kind (higher wins, compared element by element), or undefined when it does not claim it. */
  claim(event: unknown): number[] | undefined;
  /** The route's Lambda-level handler, middleware applied. */
  handle: LambdaHandler;
}

/** The outcome of one handler call after shaping. */
export type ShapedOutcome =
  { kind: "result"; value: unknown } | { kind: "returned"; value: unknown; rule: HttpShape } | { kind: "caught"; value: unknown; rule: HttpShape };

/** The handler part of a route spec. */
export interface RouteCall<E, I, R> extends RouteOptions<E, I, R> {
  handler: (input: I, context: LambdaContext) => R | Promise<R>;
}

/** inputs → handler → returns; an error from inputs or the handler goes through catches or propagates. */
export async function runShaped<E, I, R>(route: RouteCall<E, I, R>, event: E, context: LambdaContext): Promise<ShapedOutcome> {
  let result: R;
  try {
    const input = route.inputs ? await route.inputs(event, context) : (event as unknown as I);
    result = await route.handler(input, context);
  } catch (error) {
    const caught = shapeError(route.catches, error, event, context);
    if (!caught) throw error;
    return { kind: "caught", value: caught.value, rule: caught.rule };
  }
  const shaped = shapeResult(route.returns, { event, context, result });
  return shaped ? { kind: "returned", value: shaped.value, rule: shaped.rule } : { kind: "result", value: result };
}
