/**
 * `router([...routes])`: one Lambda handler over routes of several kinds. An event's kind comes
 * from its shape; among the routes of that kind that claim it, the most specific wins; `direct`
 * takes what no other route claims, wherever it is listed. Two routes that claim the same events
 * are a ConfigError when the router is built, never a surprise at run time.
 */
import { ConfigError } from "../../errors/config-error.js";
import type { LambdaContext, LambdaHandler, Middleware } from "../types.js";
import { applyMiddleware } from "../types.js";
import { eventKindOf, type DurableInvocationEvent, type EventBridgeEvent, type EventKind, type HttpApiEvent, type SqsEvent } from "./events.js";
import { allowedMethods, httpError } from "./http-api.js";
import type { CompiledRoute, Route } from "./route-spec.js";

/** Options of {@link router}. */
export interface RouterOptions {
  /** Wrappers around the whole router (they see every event), first outermost. */
  middleware?: Middleware[];
}

/** No route claims the event and there is no `direct` route. Code `NO_ROUTE`. */
export class NoRouteError extends Error {
  override name = "NoRouteError";
  readonly code = "NO_ROUTE";
  /** The kind the event was recognised as. */
  readonly eventKind: EventKind;
  constructor(eventKind: EventKind, detail: string) {
    super(`No route claims this ${eventKind} event (${detail}) and there is no direct route`);
    this.eventKind = eventKind;
  }
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function compileAll(routes: readonly Route[]): CompiledRoute[] {
  if (!Array.isArray(routes)) throw new ConfigError("INVALID_CONFIG", `router: expected an array of routes, received ${typeof routes}`, "routes");
  const compiled = routes.map((route, index) => {
    if (typeof route?.compile !== "function") {
      throw new ConfigError(
        "INVALID_CONFIG",
        `routes[${index}]: expected a route made by httpApi(), sqs(), eventBridge(), schedule(), durable() or direct(), received ${JSON.stringify(route)}`,
        `routes[${index}]`,
      );
    }
    try {
      return route.compile(index);
    } catch (error) {
      throw new ConfigError("INVALID_CONFIG", (error as Error).message, `routes[${index}]`);
    }
  });
  const byKey = new Map<string, CompiledRoute>();
  compiled.forEach((route, index) => {
    const earlier = byKey.get(route.key);
    if (earlier)
      throw new ConfigError("INVALID_CONFIG", `${route.label} claims the same events as ${earlier.label}; remove one or make its filter narrower`, `routes[${index}]`);
    byKey.set(route.key, route);
  });
  return compiled;
}

/**
 * Builds one Lambda handler from routes of any kinds.
 * @example
 * export const handler = router([
 *   httpApi({ method: "GET", path: "/orders/{id}", handler: (req) => getOrder(req.params.id) }),
 *   sqs({ queue: "orders", handler: (record) => ship(JSON.parse(record.body)) }),
 *   direct({ handler: (event) => ({ echo: event }) }),
 * ]);
 */
export function router(routes: readonly Route[], options: RouterOptions = {}): LambdaHandler {
  const compiled = compileAll(routes);
  const byKind = new Map<EventKind, CompiledRoute[]>();
  for (const route of compiled) {
    if (route.kind === "direct") continue;
    byKind.set(route.kind, [...(byKind.get(route.kind) ?? []), route]);
  }
  const fallback = compiled.find((route) => route.kind === "direct");
  const dispatch = async (event: unknown, context: LambdaContext): Promise<unknown> => {
    const kind = eventKindOf(event);
    let best: CompiledRoute | undefined;
    let bestScore: number[] | undefined;
    for (const route of byKind.get(kind) ?? []) {
      const score = route.claim(event);
      if (score !== undefined && (bestScore === undefined || compare(score, bestScore) > 0)) {
        best = route;
        bestScore = score;
      }
    }
    const chosen = best ?? fallback;
    if (chosen) return chosen.handle(event, context);
    if (kind === "httpApi") {
      const http = event as HttpApiEvent;
      const allow = allowedMethods(byKind.get("httpApi") ?? [], http);
      return allow.length > 0
        ? httpError(405, `Method ${http.requestContext.http.method} not allowed on ${http.rawPath}`, { allow: allow.join(", ") })
        : httpError(404, `No route for ${http.requestContext.http.method} ${http.rawPath}`);
    }
    throw new NoRouteError(kind, describe(kind, event));
  };
  return applyMiddleware(dispatch, options.middleware);
}

/** `kind` is eventKindOf(event), so the event has that kind's shape. */
function describe(kind: EventKind, event: unknown): string {
  if (kind === "sqs") return `queue ${(event as SqsEvent).Records[0]?.eventSourceARN}`;
  if (kind === "eventBridge")
    return `source ${JSON.stringify((event as EventBridgeEvent).source)}, detail-type ${JSON.stringify((event as EventBridgeEvent)["detail-type"])}`;
  if (kind === "durable") return `execution ${(event as DurableInvocationEvent).DurableExecutionArn}`;
  return typeof event === "object" && event !== null ? `keys ${Object.keys(event).slice(0, 5).join(", ")}` : typeof event;
}
