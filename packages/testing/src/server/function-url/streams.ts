/**
 * Streamed answers in flight: a process posts `/response` in streaming mode, and whoever invoked
 * (a Function URL request, or a buffered Invoke) reads the chunks as they arrive. Keyed by
 * request id, per function; the reader takes the stream once the invocation has answered.
 */
import { Waker } from "../../clock/waker.js";
import type { FunctionRuntime } from "../function-runtime.js";

/** An error a function reported in the stream's trailers. */
export class StreamError extends Error {
  readonly errorType: string;
  readonly document: Record<string, unknown>;
  constructor(errorType: string, document: Record<string, unknown>) {
    super(typeof document.errorMessage === "string" ? document.errorMessage : errorType);
    this.name = errorType;
    this.errorType = errorType;
    this.document = { ...document, errorType };
  }
}

/** One streamed answer: chunks in arrival order, then an end or a {@link StreamError}. */
export class StreamedResponse {
  readonly contentType: string | undefined;
  private readonly chunks: Buffer[] = [];
  private ended = false;
  private failure: Error | undefined;
  private readonly waker = new Waker();

  constructor(contentType: string | undefined) {
    this.contentType = contentType;
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.waker.wake();
  }

  end(): void {
    this.ended = true;
    this.waker.wake();
  }

  fail(error: Error): void {
    this.failure ??= error;
    this.ended = true;
    this.waker.wake();
  }

  /** The chunks as they come; throws the stream's error after the chunks sent before it. */
  async *read(): AsyncGenerator<Buffer> {
    for (;;) {
      while (this.chunks.length > 0) yield this.chunks.shift()!;
      if (this.ended) {
        if (this.failure) throw this.failure;
        return;
      }
      await this.waker.sleep();
    }
  }
}

const registries = new WeakMap<FunctionRuntime, Map<string, StreamedResponse>>();

function registryOf(runtime: FunctionRuntime): Map<string, StreamedResponse> {
  let registry = registries.get(runtime);
  if (!registry) registries.set(runtime, (registry = new Map()));
  return registry;
}

/** Records the stream of an invocation (before the invocation is settled, so its reader finds it). */
export function putStream(runtime: FunctionRuntime, requestId: string, stream: StreamedResponse): void {
  registryOf(runtime).set(requestId, stream);
}

/** Takes the stream an invocation answered with, if it streamed. */
export function takeStream(runtime: FunctionRuntime, requestId: string): StreamedResponse | undefined {
  const registry = registryOf(runtime);
  const stream = registry.get(requestId);
  registry.delete(requestId);
  return stream;
}

/** Content type of a stream that starts with the Function URL prelude. */
export const HTTP_INTEGRATION = "application/vnd.awslambda.http-integration-response";
const PRELUDE_DELIMITER = Buffer.alloc(8);
const MAX_PRELUDE_BYTES = 65_536;

/** HTTP metadata of a Function URL answer. */
export interface HttpMetadata {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
}

/**
 * Splits the Function URL prelude (JSON metadata, eight NUL bytes) off a stream whose content type
 * is `application/vnd.awslambda.http-integration-response`; the rest is the body.
 */
export async function readPrelude(chunks: AsyncIterator<Buffer>): Promise<{ metadata: HttpMetadata; rest: Buffer }> {
  let buffered = Buffer.alloc(0);
  for (;;) {
    const at = buffered.indexOf(PRELUDE_DELIMITER);
    if (at >= 0) {
      const parsed = JSON.parse(buffered.subarray(0, at).toString("utf8")) as Partial<HttpMetadata>;
      return {
        metadata: { statusCode: parsed.statusCode ?? 200, headers: parsed.headers ?? {}, cookies: parsed.cookies ?? [] },
        rest: buffered.subarray(at + PRELUDE_DELIMITER.length),
      };
    }
    if (buffered.length > MAX_PRELUDE_BYTES)
      throw new StreamError("Runtime.InvalidPrelude", { errorMessage: `No prelude delimiter in the first ${MAX_PRELUDE_BYTES} bytes of the stream` });
    const next = await chunks.next();
    if (next.done) throw new StreamError("Runtime.InvalidPrelude", { errorMessage: "The stream ended before the prelude's delimiter" });
    buffered = Buffer.concat([buffered, next.value]);
  }
}
