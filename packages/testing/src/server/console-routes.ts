/**
 * The web console on the local server: the page at `/`, its files under `/console/`, a JSON API
 * under `/console/api/`, and change notifications as server-sent events at `/console/api/events`.
 *
 * Safe by default: the server listens on 127.0.0.1; console requests must name a loopback or IP
 * host (no DNS rebinding), actions must be JSON POSTs from the page's own origin (no cross-site
 * form posts), bodies have the API's size limit, and the page runs under a CSP without eval.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorObject } from "@aws-sdk/client-lambda";
import { historyFixtureFrom } from "../history/fixture.js";
import { ConsoleAssets, type ConsoleFile } from "./console-assets.js";
import { executionDetail, listExecutions } from "./console-data.js";
import { invalidParameterValue, invalidRequestContent, requestTooLarge, resourceNotFound } from "./errors.js";
import { json, type ServiceRequest, type ServiceResponse } from "./http.js";
import type { LocalService } from "./local-service.js";
import { route, type Route } from "./router.js";
import { ASYNC_PAYLOAD_BYTES, EXECUTION_NAME } from "./routes/invoke.js";

const API = "/console/api";
/** Where the page listens for changes. */
export const CONSOLE_EVENTS_PATH = `${API}/events`;

/** Inline scripts, eval and remote sources are all refused; payloads are only ever text nodes. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A Host header naming a loopback name or an IP literal (a DNS-rebound name is refused). */
function allowedHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.replace(/:\d+$/, "").toLowerCase();
  return LOOPBACK_NAMES.has(name) || /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || /^\[[0-9a-f:.]+\]$/.test(name);
}

function forbidden(message: string): ServiceResponse {
  return json(403, { message });
}

/** Wraps a console handler with the host check, and for POSTs the JSON and same-origin checks. */
function guarded(handler: Route["handler"]): Route["handler"] {
  return (req, params) => {
    if (!allowedHost(req.headers.host)) return forbidden(`The console answers requests for localhost or an IP address, not ${JSON.stringify(req.headers.host)}`);
    if (req.method === "POST") {
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${req.headers.host}`) return forbidden(`Cross-origin console request from ${origin} refused`);
      if (!(req.headers["content-type"] ?? "").startsWith("application/json"))
        return json(415, { message: "Console actions take a JSON body (content-type: application/json)" });
    }
    return handler(req, params);
  };
}

function readBody(req: ServiceRequest): Record<string, unknown> {
  if (req.body.byteLength === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString("utf8"));
  } catch (error) {
    throw invalidRequestContent(`The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalidRequestContent("The body must be a JSON object");
  return value as Record<string, unknown>;
}

/** A JSON text field, checked to be JSON (the console sends payloads as the text the user typed). */
function jsonText(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") throw invalidParameterValue(`${field} must be JSON text, received ${typeof value}`);
  try {
    JSON.parse(value);
  } catch (error) {
    throw invalidParameterValue(`${field} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return value;
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") throw invalidParameterValue(`${field} must be a string, received ${typeof value}`);
  return value;
}

function asset(assets: ConsoleAssets, file: ConsoleFile): Route["handler"] {
  return async () => {
    const { contentType, body } = await assets.get(file);
    return {
      status: 200,
      headers: { "content-type": contentType, "content-security-policy": CSP, "x-content-type-options": "nosniff", "cache-control": "no-cache" },
      body,
    };
  };
}

/** The console's routes (page, files and API); the event stream is {@link openConsoleEvents}. */
export function consoleRoutes(service: LocalService): Route[] {
  const assets = new ConsoleAssets();
  const backend = service.backend;
  const routes: Route[] = [
    { method: "GET", pattern: "/", handler: asset(assets, "index.html") },
    { method: "GET", pattern: "/console/app.js", handler: asset(assets, "app.js") },
    { method: "GET", pattern: "/console/app.css", handler: asset(assets, "app.css") },
    route({
      method: "GET",
      pattern: `${API}/overview`,
      handler: () => json(200, { functions: service.functionNames(), skipTime: backend.clock.skipping, now: backend.clock.nowMs() }),
    }),
    route({
      method: "GET",
      pattern: `${API}/executions`,
      handler: async (req) =>
        json(200, { executions: await listExecutions(service, { status: req.query.get("status") ?? undefined, functionName: req.query.get("function") ?? undefined }) }),
    }),
    route({ method: "GET", pattern: `${API}/executions/{Arn}`, handler: async (_req, { Arn }) => json(200, await executionDetail(service, Arn)) }),
    route({
      method: "GET",
      pattern: `${API}/executions/{Arn}/fixture`,
      handler: async (_req, { Arn }) => {
        const execution = await backend.getDurableExecution({ DurableExecutionArn: Arn, IncludeExecutionData: true });
        const fixture = historyFixtureFrom({
          operations: backend.getOperations(Arn),
          executionArn: Arn,
          status: execution.Status,
          result: execution.Result,
          error: execution.Error,
        });
        const file = `${(execution.DurableExecutionName ?? "execution").replace(/[^\w.-]/g, "_")}.history.json`;
        return json(200, fixture, { "content-disposition": `attachment; filename="${file}"` });
      },
    }),
    route({
      method: "POST",
      pattern: `${API}/executions/{Arn}/stop`,
      handler: async (_req, { Arn }) => {
        await backend.stopDurableExecution({ DurableExecutionArn: Arn, Error: { ErrorType: "Stopped", ErrorMessage: "Stopped from the console" } });
        return json(200, { stopped: Arn });
      },
    }),
    route({
      method: "POST",
      pattern: `${API}/executions/{Arn}/skip-timer`,
      handler: async (_req, { Arn }) => {
        if (backend.clock.skipping) throw invalidParameterValue("Time skipping is on: timers fire as soon as nothing else can happen");
        const next = backend.isRunning(Arn) ? backend.nextWakeUpMs(Arn) : undefined;
        if (next === undefined) throw invalidParameterValue("The execution has no pending timer");
        await backend.clock.advanceTo(next);
        return json(200, { now: backend.clock.nowMs() });
      },
    }),
    route({
      method: "POST",
      pattern: `${API}/functions/{Name}/executions`,
      handler: async (req, { Name }) => {
        if (!service.hasFunction(Name)) throw resourceNotFound(`Function not found: ${Name}`);
        const body = readBody(req);
        // The checks of an asynchronous Invoke: the payload's size and the execution name's form.
        const payload = jsonText(body, "payload");
        const bytes = payload === undefined ? 0 : Buffer.byteLength(payload, "utf8");
        if (bytes > ASYNC_PAYLOAD_BYTES) throw requestTooLarge(`The payload is ${bytes} bytes, over the limit of ${ASYNC_PAYLOAD_BYTES} bytes of an asynchronous invoke`);
        const name = optionalString(body, "name");
        if (name !== undefined && !EXECUTION_NAME.test(name))
          throw invalidParameterValue(`name must be 1-64 characters of [a-zA-Z0-9-_], received ${JSON.stringify(name)}`);
        const arn = service.startExecution(Name, payload, name);
        return json(200, { arn });
      },
    }),
    route({
      method: "POST",
      pattern: `${API}/callbacks/{Id}/{Action}`,
      handler: async (req, { Id, Action }) => {
        const body = readBody(req);
        if (Action === "succeed") await backend.sendDurableExecutionCallbackSuccess({ CallbackId: Id, Result: jsonText(body, "result") ?? "" });
        else if (Action === "fail") await backend.sendDurableExecutionCallbackFailure({ CallbackId: Id, Error: callbackError(body) });
        else if (Action === "heartbeat") await backend.sendDurableExecutionCallbackHeartbeat({ CallbackId: Id });
        else throw invalidParameterValue(`Unknown callback action ${JSON.stringify(Action)}: expected succeed, fail or heartbeat`);
        return json(200, { callbackId: Id, action: Action });
      },
    }),
  ];
  return routes.map((route) => ({ ...route, handler: guarded(route.handler) }));
}

function callbackError(body: Record<string, unknown>): ErrorObject {
  const error: ErrorObject = {};
  const type = optionalString(body, "errorType");
  const message = optionalString(body, "errorMessage");
  const data = jsonText(body, "errorData");
  if (type !== undefined) error.ErrorType = type;
  if (message !== undefined) error.ErrorMessage = message;
  if (data !== undefined) error.ErrorData = data;
  return error;
}

/** How long changes are gathered before one event goes out (a checkpoint touches many operations). */
const COALESCE_MS = 50;
/** A comment line keeps idle connections (and proxies) from timing out. */
const KEEPALIVE_MS = 15_000;

/**
 * Serves `GET /console/api/events` as a server-sent event stream: one `change` event naming the
 * executions that changed (operations, status, new executions), gathered over 50 ms. Returns
 * false for any other request (the router answers those).
 */
export function openConsoleEvents(service: LocalService, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== CONSOLE_EVENTS_PATH) return false;
  if (!allowedHost(req.headers.host)) {
    res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ message: "Console events are served for localhost or an IP address only" }));
    return true;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive", "x-content-type-options": "nosniff" });
  res.write("retry: 1000\n\n");
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (pending.size === 0 || res.writableEnded) return;
    res.write(`event: change\ndata: ${JSON.stringify({ arns: [...pending] })}\n\n`);
    pending.clear();
  };
  const changed = (arn: string) => {
    pending.add(arn);
    timer ??= setTimeout(flush, COALESCE_MS);
  };
  const offOperation = service.backend.onOperationStatus((arn) => changed(arn));
  const offExecution = service.backend.onExecutionChange((arn) => changed(arn));
  const keepalive = setInterval(() => res.write(": keepalive\n\n"), KEEPALIVE_MS);
  keepalive.unref?.();
  res.on("close", () => {
    offOperation();
    offExecution();
    clearInterval(keepalive);
    if (timer) clearTimeout(timer);
  });
  return true;
}
