/**
 * `streamingHandler`: a Function URL answer (`InvokeMode=RESPONSE_STREAM`) written as it is
 * produced, with its HTTP status and headers. On the managed runtime it goes through
 * `awslambda.streamifyResponse` / `HttpResponseStream.from`; on our runtime loop it declares
 * itself (`STREAMING_HANDLER`) and the loop streams the Runtime API response; called as a plain
 * handler (a test, another runtime) it collects the stream into one buffered Function URL response.
 */
import { PassThrough, Writable } from "node:stream";
import { STREAMING_HANDLER, type StreamingDeclaration } from "../../runtime/streaming-response.js";
import type { LambdaContext } from "../types.js";
import { HTTP_INTEGRATION_CONTENT_TYPE, httpPrelude, managedStreamingRuntime, type HttpResponseMetadata } from "./managed-runtime.js";

export type { HttpResponseMetadata };

/** A streaming handler body: write to `responseStream`; returning ends it, throwing reports the error. */
export type StreamingBody<E> = (event: E, responseStream: Writable, context: LambdaContext) => Promise<void> | void;

/** The status and headers: fixed, or computed from the event before the first byte. */
export type MetadataOption<E> = HttpResponseMetadata | ((event: E, context: LambdaContext) => HttpResponseMetadata | Promise<HttpResponseMetadata>);

/** The handler {@link streamingHandler} returns: a Lambda handler that also declares itself as streaming. */
export type StreamingLambdaHandler<E> = ((event: E, context: LambdaContext) => Promise<unknown>) & { [STREAMING_HANDLER]?: StreamingDeclaration };

function checkMetadata(metadata: HttpResponseMetadata, where: string): HttpResponseMetadata {
  const status = metadata?.statusCode ?? 200;
  if (!Number.isInteger(status) || status < 100 || status > 599)
    throw new TypeError(`${where}.statusCode: expected an HTTP status from 100 to 599, received ${JSON.stringify(status)}`);
  for (const [name, value] of Object.entries(metadata?.headers ?? {})) {
    if (typeof value !== "string") throw new TypeError(`${where}.headers.${name}: expected a string, received ${typeof value}`);
  }
  return { statusCode: status, headers: { ...metadata?.headers }, cookies: [...(metadata?.cookies ?? [])] };
}

async function resolveMetadata<E>(option: MetadataOption<E> | undefined, event: E, context: LambdaContext): Promise<HttpResponseMetadata> {
  const metadata = typeof option === "function" ? await option(event, context) : (option ?? {});
  return checkMetadata(metadata, "streamingHandler metadata");
}

/** Runs the body and ends the stream when it returns (unless it ended it itself). */
async function runBody<E>(body: StreamingBody<E>, event: E, stream: Writable, context: LambdaContext): Promise<void> {
  await body(event, stream, context);
  if (!stream.writableEnded) await new Promise<void>((resolve) => stream.end(() => resolve()));
}

/**
 * A streaming Function URL handler.
 * @example
 * export const handler = streamingHandler(async (event, stream) => {
 *   for await (const row of exportRows()) stream.write(`${row.join(",")}\n`);
 * }, { headers: { "content-type": "text/csv" } });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- default event type users rely on: an unannotated body reads any event
export function streamingHandler<E = any>(body: StreamingBody<E>, metadata?: MetadataOption<E>): StreamingLambdaHandler<E> {
  if (typeof body !== "function") throw new TypeError(`streamingHandler: expected a function (event, responseStream, context), received ${typeof body}`);
  if (metadata !== undefined && typeof metadata !== "function") checkMetadata(metadata, "streamingHandler metadata");
  const managed = managedStreamingRuntime();
  if (managed) {
    return managed.streamifyResponse(async (event: E, responseStream: Writable, context: LambdaContext) => {
      const stream = managed.HttpResponseStream.from(responseStream, await resolveMetadata(metadata, event, context));
      await runBody(body, event, stream, context);
    }) as StreamingLambdaHandler<E>;
  }
  // Called as a plain handler: the whole stream, buffered, as one Function URL response.
  const buffered = async (event: E, context: LambdaContext) => {
    const meta = await resolveMetadata(metadata, event, context);
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on("data", (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
    await runBody(body, event, sink, context);
    const text = Buffer.concat(chunks);
    return { statusCode: meta.statusCode, headers: meta.headers, cookies: meta.cookies, body: text.toString("base64"), isBase64Encoded: true };
  };
  const declaration: StreamingDeclaration = {
    contentType: HTTP_INTEGRATION_CONTENT_TYPE,
    handler: async (event: E, raw: Writable, context: LambdaContext) => {
      // The prelude goes out first, in its own chunk, so a client gets status and headers at once.
      const meta = await resolveMetadata(metadata, event, context);
      await new Promise<void>((resolve, reject) => raw.write(httpPrelude(meta), (error) => (error ? reject(error) : resolve())));
      await runBody(body, event, raw, context);
    },
  };
  return Object.assign(buffered, { [STREAMING_HANDLER]: declaration });
}
