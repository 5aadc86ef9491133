/**
 * The `httpApi` kind: API Gateway HTTP API (v2) and Function URL events. Matches method and a
 * path template (`/orders/{id}`, greedy `/files/{path+}`), hands the handler a parsed request and
 * builds the HTTP answer from its result. Literal segments beat `{param}`, which beats `{greedy+}`,
 * segment by segment, as API Gateway ranks routes; an exact method beats `ANY`.
 */
import type { LambdaContext } from "../types.js";
import { applyMiddleware } from "../types.js";
import { HandlerError } from "../handler-error.js";
import type { HttpApiEvent, HttpApiResponse } from "./events.js";
import { checkRules, shapeError, type HttpShape } from "./shaping.js";
import { runShaped, type CompiledRoute, type Route, type RouteCall, type ShapedOutcome } from "./route-spec.js";

/** The request an `httpApi` handler gets by default. */
export interface HttpRequest<B = unknown> {
  method: string;
  /** The decoded path. */
  path: string;
  /** `{param}` values from the route's path template, decoded. */
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  /** Header values by lower-case name. */
  headers: Record<string, string | undefined>;
  cookies: string[];
  /** The body: parsed JSON when the content type is JSON, else the text (base64 bodies decoded). */
  body: B;
  /** The body as text, as received (after base64 decoding). */
  rawBody: string | undefined;
  /** The raw event. */
  event: HttpApiEvent;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "ANY"] as const;
/** An HTTP method, or `ANY`. */
export type HttpMethod = (typeof METHODS)[number];

/** An `httpApi` route. */
export interface HttpApiRouteSpec<I, R> extends RouteCall<HttpRequest, I, R> {
  method: HttpMethod;
  /** Path template: `/orders/{id}`, `/files/{path+}` (greedy, last segment only). */
  path: string;
}

type Segment = { literal: string } | { param: string; greedy: boolean };

function parseTemplate(path: string, where: string): Segment[] {
  if (typeof path !== "string" || !path.startsWith("/")) throw new TypeError(`${where}.path: expected a path starting with "/", received ${JSON.stringify(path)}`);
  const parts = path === "/" ? [] : path.replace(/\/$/, "").split("/").slice(1);
  return parts.map((part, i): Segment => {
    const param = /^\{([A-Za-z_][\w-]*)(\+?)\}$/.exec(part);
    if (!param) {
      if (/[{}]/.test(part))
        throw new TypeError(`${where}.path: bad segment ${JSON.stringify(part)} in ${JSON.stringify(path)}; parameters are whole segments like {id} or {path+}`);
      return { literal: part };
    }
    // Group 1 is mandatory in the pattern, so a match always has it.
    const name = param[1]!;
    if (param[2] === "+" && i !== parts.length - 1)
      throw new TypeError(`${where}.path: the greedy parameter {${name}+} must be the last segment of ${JSON.stringify(path)}`);
    return { param: name, greedy: param[2] === "+" };
  });
}

function splitPath(rawPath: string): string[] {
  const trimmed = rawPath.length > 1 ? rawPath.replace(/\/$/, "") : rawPath;
  return trimmed === "/" || trimmed === "" ? [] : trimmed.split("/").slice(1);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Path parameters and per-segment scores when the template matches, else undefined. */
function matchPath(segments: Segment[], parts: string[]): { params: Record<string, string>; scores: number[] } | undefined {
  const params: Record<string, string> = {};
  const scores: number[] = [];
  for (const [i, segment] of segments.entries()) {
    const part = parts[i];
    if ("literal" in segment) {
      if (part === undefined || decode(part) !== segment.literal) return undefined;
      scores.push(3);
    } else if (segment.greedy) {
      if (parts.length <= i) return undefined;
      params[segment.param] = parts.slice(i).map(decode).join("/");
      scores.push(1);
      return { params, scores };
    } else {
      if (part === undefined || part === "") return undefined;
      params[segment.param] = decode(part);
      scores.push(2);
    }
  }
  return parts.length === segments.length ? { params, scores } : undefined;
}

function isJsonType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/(?:[\w.+-]*\+)?json\b/i.test(contentType.trim());
}

function lowerCaseHeaders(headers: Record<string, string | undefined> | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/** The parsed request; a JSON body that does not parse stays text and comes back as a HandlerError `INVALID_JSON_BODY`. */
export function parseHttpRequest(event: HttpApiEvent, params: Record<string, string>): { request: HttpRequest; bodyError?: HandlerError } {
  const headers = lowerCaseHeaders(event.headers);
  const rawBody = event.body === undefined || event.body === null ? undefined : event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  const request: HttpRequest = {
    method: event.requestContext.http.method.toUpperCase(),
    path:
      splitPath(event.rawPath)
        .map(decode)
        .reduce((path, part) => `${path}/${part}`, "") || "/",
    params,
    query: { ...event.queryStringParameters },
    headers,
    cookies: event.cookies ?? [],
    body: rawBody,
    rawBody,
    event,
  };
  if (rawBody !== undefined && rawBody !== "" && isJsonType(headers["content-type"])) {
    try {
      request.body = JSON.parse(rawBody);
    } catch (error) {
      return { request, bodyError: new HandlerError("INVALID_JSON_BODY", `The request body is not valid JSON: ${(error as Error).message}`) };
    }
  }
  return { request };
}

function isHttpResponse(value: unknown): value is HttpApiResponse {
  return typeof value === "object" && value !== null && typeof (value as HttpApiResponse).statusCode === "number";
}

/** Renders a value as an HTTP answer: JSON unless a non-JSON content type is set; undefined without a status is 204. */
export function renderHttp(value: unknown, shape: HttpShape, defaultStatus: number): HttpApiResponse {
  const headers: Record<string, string> = { ...shape.headers };
  const contentTypeName = Object.keys(headers).find((name) => name.toLowerCase() === "content-type");
  if (value === undefined) return { statusCode: shape.statusCode ?? 204, headers };
  if (contentTypeName === undefined) headers["content-type"] = "application/json";
  const json = contentTypeName === undefined || isJsonType(headers[contentTypeName]);
  return { statusCode: shape.statusCode ?? defaultStatus, headers, body: json ? JSON.stringify(value) : String(value) };
}

/** The answer of a shaped outcome: a raw result that already is a response passes through. */
function toResponse(outcome: ShapedOutcome): HttpApiResponse {
  if (outcome.kind === "result") {
    if (isHttpResponse(outcome.value)) {
      const body = outcome.value.body;
      return typeof body === "string" || body === undefined ? outcome.value : { ...outcome.value, body: JSON.stringify(body) };
    }
    return renderHttp(outcome.value, {}, 200);
  }
  return renderHttp(outcome.value, outcome.rule, outcome.kind === "caught" ? 500 : 200);
}

/** A JSON error answer. */
export function httpError(statusCode: number, message: string, headers: Record<string, string> = {}): HttpApiResponse {
  return { statusCode, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ message }) };
}

/**
 * An `httpApi` route: `method` and `path` template; the handler gets an {@link HttpRequest}
 * (or what `inputs` makes of it) and its result becomes the response (an object with a numeric
 * `statusCode` passes through as it is).
 * @example
 * httpApi({ method: "GET", path: "/orders/{id}", handler: async (req) => loadOrder(req.params.id) })
 */
export function httpApi<I = HttpRequest, R = unknown>(spec: HttpApiRouteSpec<I, R>): Route {
  return {
    kind: "httpApi",
    compile(index: number): CompiledRoute {
      const where = `routes[${index}]`;
      const method = typeof spec?.method === "string" ? (spec.method.toUpperCase() as HttpMethod) : undefined;
      if (!method || !METHODS.includes(method)) throw new TypeError(`${where}.method: expected one of ${METHODS.join(", ")}, received ${JSON.stringify(spec?.method)}`);
      if (typeof spec.handler !== "function") throw new TypeError(`${where}.handler: expected a function`);
      checkRules(where, spec.returns, spec.catches);
      const segments = parseTemplate(spec.path, where);
      const shape = segments.map((s) => ("literal" in s ? s.literal : s.greedy ? "{+}" : "{}")).join("/");
      const inner = async (event: HttpApiEvent, context: LambdaContext): Promise<HttpApiResponse> => {
        const matched = matchPath(segments, splitPath(event.rawPath));
        const { request, bodyError } = parseHttpRequest(event, matched?.params ?? {});
        if (bodyError) {
          // A body that does not parse may be shaped by catches; otherwise it is the caller's fault: 400.
          const caught = shapeError(spec.catches, bodyError, request, context);
          return caught ? renderHttp(caught.value, caught.rule, 500) : httpError(400, bodyError.message);
        }
        return toResponse(await runShaped(spec, request, context));
      };
      return {
        kind: "httpApi",
        key: `httpApi ${method} /${shape}`,
        label: `${where} (httpApi ${method} ${spec.path})`,
        claim(event: HttpApiEvent) {
          const requestMethod = event.requestContext.http.method.toUpperCase();
          if (method !== "ANY" && method !== requestMethod) return undefined;
          const matched = matchPath(segments, splitPath(event.rawPath));
          return matched ? [...matched.scores, method === "ANY" ? 0 : 1] : undefined;
        },
        handle: applyMiddleware(inner, spec.middleware),
      };
    },
  };
}

/** Methods some route allows on this path, for a 405's `Allow` header. */
export function allowedMethods(routes: CompiledRoute[], event: HttpApiEvent): string[] {
  const methods = new Set<string>();
  for (const method of METHODS) {
    const probe = { ...event, requestContext: { ...event.requestContext, http: { ...event.requestContext.http, method } } };
    if (method !== "ANY" && routes.some((route) => route.claim(probe) !== undefined)) methods.add(method);
  }
  return [...methods];
}
