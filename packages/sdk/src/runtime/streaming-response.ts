/**
 * A streamed answer on the Runtime API: `POST …/response` with
 * `Lambda-Runtime-Function-Response-Mode: streaming` and chunked transfer, each write sent as it
 * comes; an error after the first byte is reported in the `Lambda-Runtime-Function-Error-Type`
 * and `-Body` trailers (the status line has gone out already).
 * See https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html#runtimes-custom-response-streaming.
 */
import { request, type Agent, type ClientRequest } from "node:http";
import { Writable } from "node:stream";
import { RuntimeApiError, type RuntimeErrorPayload } from "./runtime-api-error.js";

/** A streaming handler as the runtime loop calls it: it writes to `stream`; the loop ends the stream when it returns. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- "any handler": a streaming handler with any event or context type must be assignable
export type StreamingRuntimeHandler = (event: any, stream: Writable, context: any) => unknown;

/**
 * How a handler declares that it streams: the loop calls `handler[STREAMING_HANDLER].handler`
 * instead of the handler itself. `streamingHandler` and `sseHandler` of `@durable-ts/sdk/lambda` set it.
 */
export const STREAMING_HANDLER: unique symbol = Symbol.for("durable-ts.runtime.streaming-handler") as never;

/** What a streaming handler declares. */
export interface StreamingDeclaration {
  handler: StreamingRuntimeHandler;
  /** Content type of the posted stream, e.g. `application/vnd.awslambda.http-integration-response` for a Function URL prelude. */
  contentType: string;
}

const ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
const ERROR_BODY = "Lambda-Runtime-Function-Error-Body";

/** One open streamed `/response`. */
export class StreamingResponse {
  /** Where the handler writes; each write goes out as one chunk. */
  readonly stream: Writable;
  private readonly req: ClientRequest;
  private readonly answered: Promise<void>;

  constructor(url: URL, agent: Agent, contentType: string) {
    this.req = request(url, {
      method: "POST",
      agent,
      headers: {
        "content-type": contentType,
        "lambda-runtime-function-response-mode": "streaming",
        "transfer-encoding": "chunked",
        trailer: `${ERROR_TYPE}, ${ERROR_BODY}`,
      },
    });
    this.req.setNoDelay?.(true);
    this.answered = new Promise((resolve, reject) => {
      this.req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new RuntimeApiError(`streamed response answered ${status}: ${Buffer.concat(chunks).toString("utf8")}`, status));
        });
      });
      this.req.on("error", (error) => reject(new RuntimeApiError(`streamed response: ${error.message}`, undefined, { cause: error })));
    });
    this.answered.catch(() => undefined); // observed in finish()
    const req = this.req;
    this.stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        // The callback fires once the chunk is handed to the socket: a writer that awaits it knows the frame left.
        req.write(chunk, (error) => callback(error ?? null));
      },
    });
  }

  /** Ends the stream; with `error`, reports it in the trailers. Resolves when the Runtime API has answered. */
  async finish(error?: RuntimeErrorPayload): Promise<void> {
    if (!this.stream.writableFinished && !this.stream.destroyed) {
      // Pending writes go out before the trailers.
      await new Promise<void>((resolve) => {
        this.stream.once("finish", resolve);
        this.stream.once("close", resolve);
        if (!this.stream.writableEnded) this.stream.end();
      });
    }
    if (error) this.req.addTrailers({ [ERROR_TYPE]: error.errorType, [ERROR_BODY]: Buffer.from(JSON.stringify(error)).toString("base64") });
    this.req.end();
    await this.answered;
  }
}
