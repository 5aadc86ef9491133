/** Middleware from the Lambda ecosystem, the real packages, around routes and around the router. */
import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { describe, expect, it, vi } from "vitest";
import type { Middleware } from "../types.js";
import { direct } from "./catch-all.js";
import { httpApi } from "./http-api.js";
import { router } from "./router.js";
import { context, httpEvent } from "./test-events.js";

describe("middy and Powertools as router middleware", () => {
  it("runs middy before/after hooks around an httpApi route, on the raw event and the built response", async () => {
    const addHeader: Middleware = (handler) =>
      middy(handler).use({
        before: (request) => {
          request.event.headers = { ...request.event.headers, "x-tenant": "acme" };
        },
        after: (request) => {
          request.response = { ...request.response, headers: { ...request.response.headers, "x-served-by": "middy" } };
        },
      }) as never;
    const handler = router([httpApi({ method: "GET", path: "/who", handler: (req) => ({ tenant: req.headers["x-tenant"] }), middleware: [addHeader] })]);
    expect(await handler(httpEvent("GET", "/who"), context)).toEqual({
      statusCode: 200,
      headers: { "content-type": "application/json", "x-served-by": "middy" },
      body: '{"tenant":"acme"}',
    });
  });

  it("lets middy's onError answer for a route", async () => {
    const recover: Middleware = (handler) =>
      middy(handler).use({
        onError: (request) => {
          request.response = { recovered: (request.error as Error).message };
        },
      }) as never;
    const handler = router([direct({ handler: () => Promise.reject(new Error("flaky")), middleware: [recover] })]);
    expect(await handler({}, context)).toEqual({ recovered: "flaky" });
  });

  it("gives Powertools Logger the Lambda context of every invocation when wrapped around the router", async () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
    try {
      const logger = new Logger({ serviceName: "orders" });
      const withLogger: Middleware = (handler) => middy(handler).use(injectLambdaContext(logger)) as never;
      const handler = router([direct({ handler: (event: { id: string }) => (logger.info("handling", { id: event.id }), "ok") })], { middleware: [withLogger] });
      expect(await handler({ id: "42" }, context)).toBe("ok");
    } finally {
      write.mockRestore();
    }
    const record = lines.map((line) => JSON.parse(line)).find((line) => line.message === "handling");
    expect(record).toMatchObject({ service: "orders", id: "42", function_request_id: "req-1", function_name: "fn" });
  });
});
