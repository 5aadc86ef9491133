/**
 * The `eventBridge` kind, and `schedule` (an EventBridge rule's `Scheduled Event`). A route may
 * filter on `source`, `detailType` and, for schedules, the rule; the route with more filters wins.
 */
import { applyMiddleware } from "../types.js";
import type { EventBridgeEvent } from "./events.js";
import { checkRules } from "./shaping.js";
import { runShaped, type CompiledRoute, type Route, type RouteCall } from "./route-spec.js";

/** An `eventBridge` route. */
export interface EventBridgeRouteSpec<I, R> extends RouteCall<EventBridgeEvent, I, R> {
  /** Only events of this `source`. */
  source?: string;
  /** Only events of this `detail-type`. */
  detailType?: string;
}

/** A `schedule` route. */
export interface ScheduleRouteSpec<I, R> extends RouteCall<EventBridgeEvent, I, R> {
  /** Only this rule's events (rule name or ARN, as in the event's `resources`). */
  rule?: string;
}

function optionalString(where: string, name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== "string" || value === ""))
    throw new TypeError(`${where}.${name}: expected a non-empty string, received ${JSON.stringify(value)}`);
}

function compileEventRoute<I, R>(
  spec: RouteCall<EventBridgeEvent, I, R>,
  index: number,
  filter: { source?: string; detailType?: string; rule?: string },
  name: string,
): CompiledRoute {
  const where = `routes[${index}]`;
  if (typeof spec?.handler !== "function") throw new TypeError(`${where}.handler: expected a function`);
  checkRules(where, spec.returns, spec.catches);
  const rule = filter.rule;
  const ruleMatches = (resource: string) => (rule!.startsWith("arn:") ? resource === rule : resource.endsWith(`:rule/${rule}`) || resource.endsWith(`/${rule}`));
  const ruleName = rule?.startsWith("arn:") ? rule.split("/").pop() : rule;
  return {
    kind: "eventBridge",
    key: `eventBridge ${filter.source ?? "*"}|${filter.detailType ?? "*"}|${ruleName ?? "*"}`,
    label: `${where} (${name})`,
    claim(event: EventBridgeEvent) {
      if (filter.source !== undefined && event.source !== filter.source) return undefined;
      if (filter.detailType !== undefined && event["detail-type"] !== filter.detailType) return undefined;
      if (rule !== undefined && !(Array.isArray(event.resources) && event.resources.some(ruleMatches))) return undefined;
      return [Number(filter.source !== undefined) + Number(filter.detailType !== undefined) + Number(rule !== undefined)];
    },
    handle: applyMiddleware(async (event: EventBridgeEvent, context) => {
      const outcome = await runShaped(spec, event, context);
      return outcome.value;
    }, spec.middleware),
  };
}

/**
 * An `eventBridge` route, optionally filtered on `source` and `detailType`.
 * @example
 * eventBridge({ source: "shop.orders", detailType: "OrderPlaced", handler: async (event) => notify(event.detail) })
 */
export function eventBridge<I = EventBridgeEvent, R = unknown>(spec: EventBridgeRouteSpec<I, R>): Route {
  return {
    kind: "eventBridge",
    compile(index) {
      optionalString(`routes[${index}]`, "source", spec?.source);
      optionalString(`routes[${index}]`, "detailType", spec?.detailType);
      const name = `eventBridge ${spec.source ?? "any source"} / ${spec.detailType ?? "any detail-type"}`;
      return compileEventRoute(spec, index, { source: spec.source, detailType: spec.detailType }, name);
    },
  };
}

/**
 * A `schedule` route: EventBridge `Scheduled Event`s (source `aws.events`), optionally of one rule.
 * @example
 * schedule({ rule: "nightly-report", handler: async () => buildReport() })
 */
export function schedule<I = EventBridgeEvent, R = unknown>(spec: ScheduleRouteSpec<I, R>): Route {
  return {
    kind: "schedule",
    compile(index) {
      optionalString(`routes[${index}]`, "rule", spec?.rule);
      return compileEventRoute(spec, index, { source: "aws.events", detailType: "Scheduled Event", rule: spec.rule }, `schedule ${spec.rule ?? "any rule"}`);
    },
  };
}
