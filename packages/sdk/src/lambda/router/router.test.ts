import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors/config-error.js";
import { HandlerError } from "../handler-error.js";
import type { Middleware } from "../types.js";
import { direct, durable } from "./catch-all.js";
import { eventBridge, schedule } from "./event-bridge.js";
import { eventKindOf } from "./events.js";
import { httpApi } from "./http-api.js";
import type { Route } from "./route-spec.js";
import { NoRouteError, router } from "./router.js";
import { sqs } from "./sqs.js";
import { bridgeEvent, context, durableEvent, httpEvent, scheduledEvent, sqsEvent, sqsRecord } from "./test-events.js";

/** A route that answers its own name, so a test sees which one ran. */
const named = {
  http: (method: any, path: string, name = `${method} ${path}`) => httpApi({ method, path, handler: () => ({ route: name }) }),
  sqs: (queue?: string, name = `sqs ${queue ?? "*"}`) => sqs({ queue, handler: () => undefined, onRecordError: () => undefined, middleware: [tag(name)] }),
  bridge: (source?: string, detailType?: string, name = `eb ${source ?? "*"}/${detailType ?? "*"}`) =>
    eventBridge({ source, detailType, handler: () => ({ route: name }) }),
  schedule: (rule?: string, name = `schedule ${rule ?? "*"}`) => schedule({ rule, handler: () => ({ route: name }) }),
  durable: (name = "durable") => durable(async () => ({ route: name })),
  direct: (name = "direct") => direct({ handler: () => ({ route: name }) }),
};

/** Makes an sqs route observable: the answer carries the route's name. */
function tag(name: string): Middleware {
  return (handler) => async (event, ctx) => ({ ...(await handler(event, ctx)), route: name });
}

const routeOf = async (routes: Route[], event: unknown) =>
  ((await router(routes)(event, context)) as { route?: string; body?: string }).route ??
  JSON.parse(((await router(routes)(event, context)) as { body: string }).body).route;

describe("event kinds", () => {
  it.each([
    ["durable", durableEvent],
    ["httpApi", httpEvent("GET", "/")],
    ["sqs", sqsEvent(sqsRecord("1", {}))],
    ["eventBridge", bridgeEvent("shop", "OrderPlaced")],
    ["eventBridge", scheduledEvent("nightly")],
    ["direct", { orderId: "42" }],
    ["direct", "a string"],
    ["direct", null],
    ["direct", { Records: [] }],
    ["direct", { version: "1.0", httpMethod: "GET", path: "/" }],
  ])("recognises a %s event by its shape (%#)", (kind, event) => {
    expect(eventKindOf(event)).toBe(kind);
  });
});

describe("a specific kind wins over direct whatever the order", () => {
  const cases: [string, Route, unknown, string][] = [
    ["durable", named.durable(), durableEvent, "durable"],
    ["httpApi", named.http("GET", "/orders/{id}"), httpEvent("GET", "/orders/1"), "GET /orders/{id}"],
    ["sqs", named.sqs("orders"), sqsEvent(sqsRecord("1", {})), "sqs orders"],
    ["eventBridge", named.bridge("shop"), bridgeEvent("shop", "OrderPlaced"), "eb shop/*"],
    ["schedule", named.schedule("nightly"), scheduledEvent("nightly"), "schedule nightly"],
  ];
  for (const [kind, route, event, expected] of cases) {
    it(`${kind} listed after direct`, async () => expect(await routeOf([named.direct(), route], event)).toBe(expected));
    it(`${kind} listed before direct`, async () => expect(await routeOf([route, named.direct()], event)).toBe(expected));
  }
  it("direct takes an event of a kind whose routes do not claim it", async () => {
    expect(await routeOf([named.direct(), named.http("GET", "/a")], httpEvent("GET", "/b"))).toBe("direct");
    expect(await routeOf([named.sqs("billing"), named.direct()], sqsEvent(sqsRecord("1", {}, { queue: "orders" })))).toBe("direct");
    expect(await routeOf([named.bridge("shop"), named.direct()], bridgeEvent("other", "X"))).toBe("direct");
  });
});

describe("the most specific route of a kind wins whatever the order", () => {
  const cases: [string, Route[], unknown, string][] = [
    ["literal segment beats {param}", [named.http("GET", "/orders/{id}"), named.http("GET", "/orders/latest")], httpEvent("GET", "/orders/latest"), "GET /orders/latest"],
    ["{param} beats {greedy+}", [named.http("GET", "/files/{path+}"), named.http("GET", "/files/{name}")], httpEvent("GET", "/files/a.txt"), "GET /files/{name}"],
    ["greedy takes deeper paths", [named.http("GET", "/files/{name}"), named.http("GET", "/files/{path+}")], httpEvent("GET", "/files/a/b.txt"), "GET /files/{path+}"],
    ["earlier literal segment beats later ones", [named.http("GET", "/{a}/x"), named.http("GET", "/x/{b}")], httpEvent("GET", "/x/x"), "GET /x/{b}"],
    ["exact method beats ANY", [named.http("ANY", "/orders"), named.http("POST", "/orders")], httpEvent("POST", "/orders"), "POST /orders"],
    ["ANY takes other methods", [named.http("POST", "/orders"), named.http("ANY", "/orders")], httpEvent("DELETE", "/orders"), "ANY /orders"],
    ["sqs queue filter beats any queue", [named.sqs(), named.sqs("orders")], sqsEvent(sqsRecord("1", {})), "sqs orders"],
    [
      "sqs queue by ARN",
      [named.sqs(), named.sqs("arn:aws:sqs:us-east-1:123456789012:orders")],
      sqsEvent(sqsRecord("1", {})),
      "sqs arn:aws:sqs:us-east-1:123456789012:orders",
    ],
    ["source + detail-type beats source", [named.bridge("shop"), named.bridge("shop", "OrderPlaced")], bridgeEvent("shop", "OrderPlaced"), "eb shop/OrderPlaced"],
    ["source beats any", [named.bridge(), named.bridge("shop")], bridgeEvent("shop", "X"), "eb shop/*"],
    ["schedule beats a catch-all eventBridge route", [named.bridge(), named.schedule()], scheduledEvent("nightly"), "schedule *"],
    ["schedule of a rule beats any schedule", [named.schedule(), named.schedule("nightly")], scheduledEvent("nightly"), "schedule nightly"],
    ["any schedule takes other rules", [named.schedule("nightly"), named.schedule()], scheduledEvent("hourly"), "schedule *"],
  ];
  for (const [rule, routes, event, expected] of cases) {
    it(`${rule}`, async () => expect(await routeOf(routes, event)).toBe(expected));
    it(`${rule} (reversed list)`, async () => expect(await routeOf([...routes].reverse(), event)).toBe(expected));
  }
});

describe("two routes that claim the same events are a ConfigError at start-up", () => {
  const conflicts: [string, Route, Route][] = [
    ["two direct routes", named.direct("a"), named.direct("b")],
    ["two durable routes", named.durable("a"), named.durable("b")],
    ["same method and path", named.http("GET", "/orders/{id}"), named.http("GET", "/orders/{id}")],
    ["same path shape, other parameter names", named.http("GET", "/orders/{id}"), named.http("get", "/orders/{orderId}")],
    ["trailing slash", named.http("GET", "/orders"), named.http("GET", "/orders/")],
    ["two sqs routes for any queue", named.sqs(), named.sqs()],
    ["queue by name and by ARN", named.sqs("orders"), named.sqs("arn:aws:sqs:us-east-1:123456789012:orders")],
    ["two catch-all eventBridge routes", named.bridge(), named.bridge()],
    ["same source and detail-type", named.bridge("shop", "OrderPlaced"), named.bridge("shop", "OrderPlaced")],
    ["schedule and the eventBridge filter it stands for", named.schedule(), named.bridge("aws.events", "Scheduled Event")],
    ["same schedule rule by name and by ARN", named.schedule("nightly"), named.schedule("arn:aws:events:us-east-1:123456789012:rule/nightly")],
  ];
  for (const [what, a, b] of conflicts) {
    it(what, () => {
      let thrown: unknown;
      try {
        router([a, named.http("POST", "/unrelated"), b]);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      expect((thrown as ConfigError).field).toBe("routes[2]");
      expect((thrown as Error).message).toMatch(/routes\[2\].*claims the same events as routes\[0\]/);
    });
  }
  const fine: [string, Route, Route][] = [
    ["same path, other methods", named.http("GET", "/orders"), named.http("POST", "/orders")],
    ["ANY next to a method", named.http("ANY", "/orders"), named.http("GET", "/orders")],
    ["literal next to parameter", named.http("GET", "/orders/{id}"), named.http("GET", "/orders/latest")],
    ["different queues", named.sqs("orders"), named.sqs("billing")],
    ["filtered next to catch-all eventBridge", named.bridge(), named.bridge("shop")],
    ["different schedule rules", named.schedule("a"), named.schedule("b")],
  ];
  for (const [what, a, b] of fine) it(`accepts ${what}`, () => expect(() => router([a, b])).not.toThrow());

  it.each([
    ["not a route", [{ kind: "httpApi" }], /routes\[0\]: expected a route made by/],
    ["bad method", [httpApi({ method: "FETCH" as never, path: "/", handler: () => 1 })], /routes\[0\]\.method: expected one of GET.*received "FETCH"/],
    ["path without slash", [httpApi({ method: "GET", path: "orders", handler: () => 1 })], /routes\[0\]\.path: expected a path starting with "\/", received "orders"/],
    ["greedy not last", [httpApi({ method: "GET", path: "/{p+}/x", handler: () => 1 })], /greedy parameter \{p\+\} must be the last segment/],
    ["catch without code", [direct({ handler: () => 1, catches: [{ code: "", body: () => 1 }] })], /routes\[0\]\.catches\[0\]\.code: expected a non-empty string/],
    ["returns without body", [direct({ handler: () => 1, returns: [{ when: () => true } as never] })], /routes\[0\]\.returns\[0\]\.body: expected a function/],
  ])("names what is wrong: %s", (_what, routes, message) => {
    expect(() => router(routes as Route[])).toThrow(ConfigError);
    expect(() => router(routes as Route[])).toThrow(message);
  });
});

describe("events nobody claims", () => {
  it("answers 404 for an HTTP path no route has", async () => {
    const answer = (await router([named.http("GET", "/orders")])(httpEvent("GET", "/nope"), context)) as any;
    expect(answer.statusCode).toBe(404);
    expect(JSON.parse(answer.body).message).toBe("No route for GET /nope");
  });
  it("answers 405 with Allow when the path exists for other methods", async () => {
    const answer = (await router([named.http("GET", "/orders"), named.http("POST", "/orders")])(httpEvent("DELETE", "/orders"), context)) as any;
    expect(answer.statusCode).toBe(405);
    expect(answer.headers.allow).toBe("GET, POST");
  });
  it("throws NoRouteError for other kinds", async () => {
    await expect(router([named.http("GET", "/")])({ orderId: 1 }, context)).rejects.toThrow(NoRouteError);
    await expect(router([named.http("GET", "/")])(sqsEvent(sqsRecord("1", {})), context)).rejects.toMatchObject({ code: "NO_ROUTE", eventKind: "sqs" });
  });
});

describe("middleware", () => {
  it("wraps routes and the router, first entry outermost, and sees the raw event", async () => {
    const calls: string[] = [];
    const mw =
      (name: string): Middleware =>
      (handler) =>
      async (event, ctx) => {
        calls.push(`${name}>${eventKindOf(event)}`);
        const result = await handler(event, ctx);
        calls.push(`<${name}`);
        return result;
      };
    const handler = router([direct({ handler: () => "ok", middleware: [mw("route1"), mw("route2")] })], { middleware: [mw("outer")] });
    expect(await handler({ x: 1 }, context)).toBe("ok");
    expect(calls).toEqual(["outer>direct", "route1>direct", "route2>direct", "<route2", "<route1", "<outer"]);
  });
  it("can answer without calling the handler", async () => {
    const deny: Middleware = () => async () => ({ statusCode: 401, body: "no" });
    const handler = router([httpApi({ method: "GET", path: "/", handler: () => "never", middleware: [deny] })]);
    expect(await handler(httpEvent("GET", "/"), context)).toEqual({ statusCode: 401, body: "no" });
  });
  it("rejects middleware that returns no function", () => {
    expect(() => router([direct({ handler: () => 1, middleware: [(() => undefined) as never] })])).toThrow(/middleware\[0\] returned undefined/);
  });
});

describe("errors without a catch propagate", () => {
  it("fails the invocation with the handler's error", async () => {
    const error = new HandlerError("BOOM", "boom");
    await expect(router([direct({ handler: () => Promise.reject(error), catches: [{ code: "OTHER", body: () => 1 }] })])({}, context)).rejects.toBe(error);
  });
});
