/**
 * What the managed Node.js runtime offers streaming handlers: the `awslambda` global with
 * `streamifyResponse` and `HttpResponseStream.from`. Read once, where a handler is built.
 */
import type { Writable } from "node:stream";

/** The HTTP status, headers and cookies a Function URL answers with. */
export interface HttpResponseMetadata {
  statusCode?: number;
  headers?: Record<string, string>;
  cookies?: string[];
}

/** The part of the managed runtime's `awslambda` global used here. */
export interface ManagedStreamingRuntime {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the managed runtime's own signature: it passes any event and its own context object
  streamifyResponse(handler: (event: any, responseStream: Writable, context: any) => Promise<void>): unknown;
  HttpResponseStream: { from(stream: Writable, metadata: HttpResponseMetadata): Writable };
}

/** The managed runtime's streaming API, when this code runs on it. */
export function managedStreamingRuntime(): ManagedStreamingRuntime | undefined {
  const candidate = (globalThis as { awslambda?: Partial<ManagedStreamingRuntime> }).awslambda;
  return typeof candidate?.streamifyResponse === "function" && typeof candidate.HttpResponseStream?.from === "function"
    ? (candidate as ManagedStreamingRuntime)
    : undefined;
}

/** Content type of a streamed answer that starts with the Function URL prelude. */
export const HTTP_INTEGRATION_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";

/** The prelude: the metadata as JSON, then eight NUL bytes, then the body. */
export function httpPrelude(metadata: HttpResponseMetadata): Buffer {
  return Buffer.concat([Buffer.from(JSON.stringify({ statusCode: 200, headers: {}, cookies: [], ...metadata }), "utf8"), Buffer.alloc(8)]);
}
