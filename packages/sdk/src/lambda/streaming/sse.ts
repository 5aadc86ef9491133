/**
 * Server-sent events over a streaming Function URL: `write` encodes one frame and resolves when it
 * has been handed to the connection, so each frame reaches the client when it is written.
 * Frame format: https://html.spec.whatwg.org/multipage/server-sent-events.html.
 */
import type { Writable } from "node:stream";
import type { LambdaContext } from "../types.js";
import { streamingHandler, type HttpResponseMetadata, type StreamingLambdaHandler } from "./streaming-handler.js";

/** One event: `data` (a string, or any value sent as JSON) and the optional `event`, `id` and `retry` fields. */
export interface SseFrame {
  data: unknown;
  event?: string;
  id?: string;
  /** Reconnection delay the client should use, in milliseconds. */
  retry?: number;
}

/** Sends one frame (a string is the `data` of a frame without other fields); resolves once it is sent. */
export type SseWrite = (frame: SseFrame | string) => Promise<void>;

function singleLine(name: string, value: unknown): string {
  if (typeof value !== "string" || /[\r\n]/.test(value))
    throw new TypeError(`SSE frame ${name}: expected a string without line breaks, received ${JSON.stringify(value)}`);
  return value;
}

/** Encodes one frame; multi-line data becomes one `data:` line per line. */
export function encodeSseFrame(frame: SseFrame | string): string {
  const f: SseFrame = typeof frame === "string" ? { data: frame } : frame;
  if (typeof f !== "object" || f === null || !("data" in f))
    throw new TypeError(`SSE frame: expected a string or { data, event?, id?, retry? }, received ${JSON.stringify(frame)}`);
  let out = "";
  if (f.event !== undefined) out += `event: ${singleLine("event", f.event)}\n`;
  if (f.id !== undefined) out += `id: ${singleLine("id", f.id)}\n`;
  if (f.retry !== undefined) {
    if (!Number.isInteger(f.retry) || f.retry < 0)
      throw new TypeError(`SSE frame retry: expected a whole number of milliseconds >= 0, received ${JSON.stringify(f.retry)}`);
    out += `retry: ${f.retry}\n`;
  }
  const data = typeof f.data === "string" ? f.data : JSON.stringify(f.data);
  if (data === undefined) throw new TypeError("SSE frame data: expected a string or a JSON value, received undefined");
  for (const line of data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

function writeFrame(stream: Writable, frame: SseFrame | string): Promise<void> {
  const text = encodeSseFrame(frame);
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}

/**
 * An SSE endpoint for a Function URL with `InvokeMode=RESPONSE_STREAM`.
 * @example
 * export const handler = sseHandler(async (event, context, write) => {
 *   for (const step of ["queued", "running", "done"]) {
 *     await write({ event: "status", data: { step } });
 *   }
 * });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- default event type users rely on: an unannotated body reads any event
export function sseHandler<E = any>(
  body: (event: E, context: LambdaContext, write: SseWrite) => Promise<void> | void,
  metadata: HttpResponseMetadata = {},
): StreamingLambdaHandler<E> {
  if (typeof body !== "function") throw new TypeError(`sseHandler: expected a function (event, context, write), received ${typeof body}`);
  const headers = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", ...metadata.headers };
  return streamingHandler<E>((event, stream, context) => body(event, context, (frame) => writeFrame(stream, frame)), { ...metadata, headers });
}
