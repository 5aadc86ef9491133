/**
 * A plain function served as a Function URL: `http://host:port/function-url/<fn>/<path>?<query>`
 * becomes a payload 2.0 event for the function's process, and its answer becomes the HTTP
 * response: a buffered `{statusCode, headers, body}` (or any value, as JSON), or a stream relayed
 * chunk by chunk with the status and headers of its prelude (`InvokeMode=RESPONSE_STREAM`).
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { FunctionError } from "../function-runtime.js";
import { MAX_BODY_BYTES } from "../http.js";
import { localFunctionArn, type LocalService } from "../local-service.js";
import { HTTP_INTEGRATION, readPrelude, takeStream, type StreamedResponse } from "./streams.js";

/** Path prefix of Function URLs on the local server. */
export const FUNCTION_URL_PREFIX = "/function-url/";

function plainAnswer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
  res.end(text);
}

function isText(contentType: string | undefined): boolean {
  return contentType === undefined || /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i.test(contentType);
}

/** The payload 2.0 event of a request, as Function URLs build it. */
export function functionUrlEvent(req: IncomingMessage, fn: string, rawPath: string, body: Buffer, requestId: string): Record<string, unknown> {
  const url = new URL(req.url ?? "/", "http://local");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && name !== "cookie") headers[name] = Array.isArray(value) ? value.join(",") : value;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const now = Date.now();
  const event: Record<string, unknown> = {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString: url.search.replace(/^\?/, ""),
    headers,
    requestContext: {
      accountId: "anonymous",
      apiId: fn,
      domainName: req.headers.host ?? "localhost",
      domainPrefix: fn,
      http: {
        method: req.method ?? "GET",
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
        userAgent: req.headers["user-agent"] ?? "",
      },
      requestId,
      routeKey: "$default",
      stage: "$default",
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    isBase64Encoded: false,
  };
  const cookie = req.headers.cookie;
  if (cookie) event.cookies = cookie.split(/;\s*/);
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (body.byteLength > 0) {
    const text = isText(req.headers["content-type"]);
    event.body = text ? body.toString("utf8") : body.toString("base64");
    event.isBase64Encoded = !text;
  }
  return event;
}

/** Relays a streamed answer: status and headers from the prelude, then each chunk as it arrives. */
async function relayStream(stream: StreamedResponse, res: ServerResponse): Promise<void> {
  const chunks = stream.read();
  try {
    let status = 200;
    let headers: Record<string, string | string[]> = { "content-type": stream.contentType ?? "application/octet-stream" };
    let first: Buffer | undefined;
    if (stream.contentType?.startsWith(HTTP_INTEGRATION)) {
      const { metadata, rest } = await readPrelude(chunks);
      status = metadata.statusCode;
      headers = { ...metadata.headers };
      if (metadata.cookies.length > 0) headers["set-cookie"] = metadata.cookies;
      first = rest;
    }
    res.writeHead(status, headers);
    res.flushHeaders();
    if (first && first.byteLength > 0) res.write(first);
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      res.write(next.value);
    }
    res.end();
  } catch {
    // An error after the status line went out: the client sees the stream break off, as from a Function URL.
    if (!res.headersSent) plainAnswer(res, 502, { Message: "Internal Server Error" });
    else res.destroy();
  }
}

/** Sends a buffered answer the way a Function URL interprets a handler's result. */
function sendBuffered(body: string, res: ServerResponse): void {
  let result: unknown;
  try {
    result = body === "" ? null : JSON.parse(body);
  } catch {
    result = body;
  }
  if (typeof result === "object" && result !== null && typeof (result as { statusCode?: unknown }).statusCode === "number") {
    const r = result as { statusCode: number; headers?: Record<string, string>; cookies?: string[]; body?: unknown; isBase64Encoded?: boolean };
    const payload =
      r.body === undefined
        ? Buffer.alloc(0)
        : r.isBase64Encoded
          ? Buffer.from(String(r.body), "base64")
          : Buffer.from(typeof r.body === "string" ? r.body : JSON.stringify(r.body));
    const headers: Record<string, string | string[]> = { ...r.headers, "content-length": String(payload.byteLength) };
    if (r.cookies?.length) headers["set-cookie"] = r.cookies;
    res.writeHead(r.statusCode, headers);
    res.end(payload);
    return;
  }
  plainAnswer(res, 200, result);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks);
}

/** Serves `/function-url/<fn>/…`; false when the request is something else. */
export function serveFunctionUrl(service: LocalService, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "/").split("?")[0]!; // split returns at least one element
  if (!path.startsWith(FUNCTION_URL_PREFIX)) return false;
  const [encodedName, ...rest] = path.slice(FUNCTION_URL_PREFIX.length).split("/");
  const fn = decodeURIComponent(encodedName!); // as above: the split has a first element
  const runtime = service.runtime(fn);
  void (async () => {
    const body = await readBody(req);
    if (!runtime || !service.isPlain(fn))
      return plainAnswer(res, 404, { Message: `No plain function ${JSON.stringify(fn)} (register it with { external: true, durable: false })` });
    if (body === undefined) return plainAnswer(res, 413, { Message: "Request must be smaller than 6 MB" });
    const requestId = randomUUID();
    const event = functionUrlEvent(req, fn, `/${rest.join("/")}`, body, requestId);
    let answer: string;
    try {
      answer = await runtime.invoke(JSON.stringify(event), { requestId, functionArn: localFunctionArn(fn) });
    } catch (error) {
      if (error instanceof FunctionError) return plainAnswer(res, 502, { Message: "Internal Server Error" });
      throw error;
    }
    const stream = takeStream(runtime, requestId);
    if (stream) await relayStream(stream, res);
    else sendBuffered(answer, res);
  })().catch((error: unknown) => {
    if (!res.headersSent) plainAnswer(res, 500, { Message: `Internal error of the local server: ${(error as Error).message}` });
    else res.destroy();
  });
  return true;
}
