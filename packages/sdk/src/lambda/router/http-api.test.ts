import { describe, expect, it } from "vitest";
import { HandlerError } from "../handler-error.js";
import { httpApi, type HttpRequest } from "./http-api.js";
import { router } from "./router.js";
import { context, httpEvent } from "./test-events.js";

describe("httpApi routes", () => {
  it("hands the handler path parameters, query, headers and the parsed JSON body", async () => {
    let seen: HttpRequest | undefined;
    const handler = router([httpApi({ method: "POST", path: "/shops/{shop}/orders/{id}", handler: (req) => ((seen = req), { ok: true }) })]);
    const answer = await handler(
      httpEvent("POST", "/shops/caf%C3%A9/orders/42", { body: '{"qty":2}', headers: { "Content-Type": "application/json" }, query: { dry: "1" } }),
      context,
    );
    expect(answer).toEqual({ statusCode: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' });
    expect(seen).toMatchObject({
      method: "POST",
      path: "/shops/café/orders/42",
      params: { shop: "café", id: "42" },
      query: { dry: "1" },
      body: { qty: 2 },
      rawBody: '{"qty":2}',
    });
    expect(seen!.headers["content-type"]).toBe("application/json");
  });

  it("decodes base64 bodies and leaves non-JSON bodies as text", async () => {
    const handler = router([httpApi({ method: "POST", path: "/", handler: (req) => req.body })]);
    const event = { ...httpEvent("POST", "/", { headers: { "content-type": "text/plain" } }), body: Buffer.from("hello").toString("base64"), isBase64Encoded: true };
    expect(await handler(event, context)).toMatchObject({ body: '"hello"' });
  });

  it("answers 400 for a JSON body that does not parse, unless a catch shapes it", async () => {
    const bad = httpEvent("POST", "/", { body: "{nope", headers: { "content-type": "application/json" } });
    const plain = router([httpApi({ method: "POST", path: "/", handler: () => "never" })]);
    const answer = (await plain(bad, context)) as any;
    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body).message).toMatch(/^The request body is not valid JSON/);
    const shaped = router([
      httpApi({
        method: "POST",
        path: "/",
        handler: () => "never",
        catches: [{ code: "INVALID_JSON_BODY", statusCode: 422, body: ({ error }) => ({ problem: error.code }) }],
      }),
    ]);
    expect(await shaped(bad, context)).toEqual({ statusCode: 422, headers: { "content-type": "application/json" }, body: '{"problem":"INVALID_JSON_BODY"}' });
  });

  it.each([
    ["a plain value becomes 200 JSON", { a: 1 }, { statusCode: 200, headers: { "content-type": "application/json" }, body: '{"a":1}' }],
    ["undefined becomes 204", undefined, { statusCode: 204, headers: {} }],
    ["a response passes through", { statusCode: 201, headers: { x: "1" }, body: "made" }, { statusCode: 201, headers: { x: "1" }, body: "made" }],
    ["a response with an object body gets it as JSON", { statusCode: 202, body: { queued: true } }, { statusCode: 202, body: '{"queued":true}' }],
  ])("builds the response from the result: %s", async (_what, result, expected) => {
    expect(await router([httpApi({ method: "GET", path: "/", handler: () => result })])(httpEvent("GET", "/"), context)).toEqual(expected);
  });

  it("uses statusCode and headers of the winning returns or catches entry", async () => {
    const handler = router([
      httpApi({
        method: "GET",
        path: "/orders/{id}",
        handler: (req) => {
          if (req.params.id === "0") throw new HandlerError("NOT_FOUND", "no order 0", { id: "0" });
          return { id: req.params.id, status: req.params.id === "1" ? "new" : "shipped" };
        },
        returns: [
          { when: ({ result }) => result.status === "new", statusCode: 201, headers: { location: "/orders/1" }, body: ({ result }) => result },
          { headers: { "content-type": "text/plain" }, body: ({ result }) => `order ${result.id}: ${result.status}` },
        ],
        catches: [{ code: "NOT_FOUND", statusCode: 404, body: ({ error }) => ({ message: error.message, id: error.data.id }) }],
      }),
    ]);
    expect(await handler(httpEvent("GET", "/orders/1"), context)).toEqual({
      statusCode: 201,
      headers: { location: "/orders/1", "content-type": "application/json" },
      body: '{"id":"1","status":"new"}',
    });
    expect(await handler(httpEvent("GET", "/orders/2"), context)).toEqual({ statusCode: 200, headers: { "content-type": "text/plain" }, body: "order 2: shipped" });
    expect(await handler(httpEvent("GET", "/orders/0"), context)).toEqual({
      statusCode: 404,
      headers: { "content-type": "application/json" },
      body: '{"message":"no order 0","id":"0"}',
    });
  });

  it("gives a caught error without statusCode a 500", async () => {
    const handler = router([
      httpApi({ method: "GET", path: "/", handler: () => Promise.reject(new HandlerError("X", "x")), catches: [{ code: "X", body: () => ({ failed: true }) }] }),
    ]);
    expect(await handler(httpEvent("GET", "/"), context)).toMatchObject({ statusCode: 500 });
  });
});
