/**
 * The transport-neutral request and response the router works on, and the `node:http` adapter.
 * Handlers never touch sockets, so the same router can serve a real port or run in-process.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestTooLarge } from "./errors.js";
import type { ServiceRequest, ServiceResponse } from "./messages.js";

export type { ServiceRequest, ServiceResponse } from "./messages.js";

/** The largest body the server reads: the 6 MB synchronous Invoke payload plus room for the JSON envelope. */
export const MAX_BODY_BYTES = 6_291_456 + 65_536;

/** Reads a `node:http` request into a {@link ServiceRequest}; a body over {@link MAX_BODY_BYTES} is RequestTooLargeException. */
export async function readRequest(req: IncomingMessage, signal: AbortSignal): Promise<ServiceRequest> {
  const url = new URL(req.url ?? "/", "http://local");
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    // Past the limit, read on without keeping: leaving the loop would reset the connection before the client reads the 413.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) throw requestTooLarge(`Request must be smaller than ${MAX_BODY_BYTES} bytes`);
  // The raw path keeps %2F inside a segment: an ARN is one segment (protocol §2).
  const rawPath = (req.url ?? "/").split("?")[0] || "/";
  return { method: req.method ?? "GET", path: rawPath, query: url.searchParams, headers, body: Buffer.concat(chunks), signal };
}

/** Writes a {@link ServiceResponse}, unless the client is already gone. */
export function writeResponse(res: ServerResponse, response: ServiceResponse): void {
  if (res.destroyed || res.writableEnded) return;
  const body = response.body === undefined ? undefined : typeof response.body === "string" ? Buffer.from(response.body, "utf8") : response.body;
  const headers: Record<string, string> = { ...response.headers };
  headers["content-length"] = String(body?.byteLength ?? 0);
  res.writeHead(response.status, headers);
  res.end(body);
}

/** A JSON response (Dates already converted by the caller). */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): ServiceResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}
