/**
 * One Function URL in RESPONSE_STREAM mode for a whole API: requests go through the event router
 * (paths, methods, 404 and 405, typed errors as HTTP answers), and a route that answers with
 * `eventStream(...)` keeps the connection open and writes server-sent events as they happen.
 * Everything else is written as the router's answer, in one piece.
 */
import type { Writable } from "node:stream";
import {
  encodeSseFrame,
  streamingHandler,
  type HttpApiEvent,
  type HttpApiResponse,
  type HttpRequest,
  type LambdaContext,
  type LambdaHandler,
  type SseWrite,
  type StreamingLambdaHandler,
} from "@durable-ts/sdk/lambda";

/** Writes the events of one stream; returning ends the response. */
export type EventStreamBody = (write: SseWrite) => Promise<void>;

/** Streams decided by a route, by the request they answer (the router hands routes the raw event). */
const streams = new WeakMap<HttpApiEvent, EventStreamBody>();

/**
 * The answer of a route that streams: status 200 with the `text/event-stream` headers now, then
 * `body` writes the events. Checks that can refuse the request (404, 400) belong before this call,
 * while a status can still be chosen.
 */
export function eventStream(request: HttpRequest<unknown>, body: EventStreamBody): HttpApiResponse {
  streams.set(request.event, body);
  return { statusCode: 200, headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" } };
}

function writeChunk(stream: Writable, chunk: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => stream.write(chunk, (error) => (error ? reject(error) : resolve())));
}

/** A streaming Function URL handler over `routes` (a `router([...])` of `httpApi` routes). */
export function streamingRouter(routes: LambdaHandler<HttpApiEvent, HttpApiResponse>): StreamingLambdaHandler<HttpApiEvent> {
  const answers = new WeakMap<HttpApiEvent, HttpApiResponse>();
  return streamingHandler<HttpApiEvent>(
    async (event, stream) => {
      const body = streams.get(event);
      if (body !== undefined) {
        streams.delete(event);
        await body((frame) => writeChunk(stream, encodeSseFrame(frame)));
        return;
      }
      const answer = answers.get(event);
      answers.delete(event);
      if (answer?.body !== undefined) await writeChunk(stream, Buffer.from(answer.body, answer.isBase64Encoded ? "base64" : "utf8"));
    },
    // Status and headers go out before the first byte of the body: the router decides them.
    async (event, context: LambdaContext) => {
      const answer = await routes(event, context);
      answers.set(event, answer);
      return { statusCode: answer.statusCode, headers: answer.headers ?? {}, cookies: answer.cookies ?? [] };
    },
  );
}
