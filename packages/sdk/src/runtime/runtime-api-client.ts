/**
 * A client of the Lambda Runtime API (2018-06-01) over `node:http` only: the long poll for the
 * next invocation and the three posts (response, invocation error, init error).
 * See https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html.
 */
import { Agent, request, type IncomingHttpHeaders } from "node:http";
import { RuntimeApiError, type RuntimeErrorPayload } from "./runtime-api-error.js";
import { StreamingResponse } from "./streaming-response.js";

/** One invocation as `/invocation/next` hands it out. */
export interface NextInvocation {
  /** `Lambda-Runtime-Aws-Request-Id`. */
  requestId: string;
  /** The raw event body (JSON text). */
  body: string;
  /** Every response header, lower-cased (deadline, function ARN, trace id, client context, identity). */
  headers: IncomingHttpHeaders;
}

/** Where the Runtime API lives: `host:port` with an optional path prefix, as in `AWS_LAMBDA_RUNTIME_API`. */
export function runtimeApiBaseUrl(runtimeApi: string): URL {
  if (typeof runtimeApi !== "string" || runtimeApi.trim() === "") {
    throw new TypeError(`runtimeApi: expected "host:port" or "host:port/prefix", received ${JSON.stringify(runtimeApi)}`);
  }
  const withScheme = /^https?:\/\//.test(runtimeApi) ? runtimeApi : `http://${runtimeApi}`;
  const url = new URL(withScheme);
  if (url.protocol !== "http:") throw new TypeError(`runtimeApi: only plain http is spoken, received ${JSON.stringify(runtimeApi)}`);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/2018-06-01/runtime/`;
  return url;
}

/** Talks to one Runtime API endpoint. */
export class RuntimeApiClient {
  private readonly base: URL;
  // One kept-alive connection serves the poll and the posts, as the official runtimes do.
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1, noDelay: true });

  constructor(runtimeApi: string) {
    this.base = runtimeApiBaseUrl(runtimeApi);
  }

  /** Long-polls for the next invocation (no timeout: Lambda freezes the process meanwhile). */
  async next(signal?: AbortSignal): Promise<NextInvocation> {
    const { status, headers, body } = await this.call("GET", "invocation/next", undefined, {}, signal);
    if (status !== 200) throw new RuntimeApiError(`invocation/next answered ${status}: ${body}`, status);
    const requestId = headers["lambda-runtime-aws-request-id"];
    if (typeof requestId !== "string" || requestId === "") {
      throw new RuntimeApiError("invocation/next answered without a Lambda-Runtime-Aws-Request-Id header", status);
    }
    return { requestId, body, headers };
  }

  /** Posts the handler's result (already serialized). */
  async postResponse(requestId: string, body: string): Promise<void> {
    await this.post(`invocation/${encodeURIComponent(requestId)}/response`, body, { "content-type": "application/json" });
  }

  /** Opens a streamed `/response` (chunked, error trailers); see {@link StreamingResponse}. */
  openStreamingResponse(requestId: string, contentType: string): StreamingResponse {
    return new StreamingResponse(new URL(`invocation/${encodeURIComponent(requestId)}/response`, this.base), this.agent, contentType);
  }

  /** Posts a failed invocation. */
  async postError(requestId: string, error: RuntimeErrorPayload): Promise<void> {
    await this.post(`invocation/${encodeURIComponent(requestId)}/error`, JSON.stringify(error), {
      "content-type": "application/json",
      "lambda-runtime-function-error-type": error.errorType,
    });
  }

  /** Reports a failed initialization (the handler could not be loaded). */
  async postInitError(error: RuntimeErrorPayload): Promise<void> {
    await this.post("init/error", JSON.stringify(error), {
      "content-type": "application/json",
      "lambda-runtime-function-error-type": error.errorType,
    });
  }

  /** Releases the kept-alive connection. */
  close(): void {
    this.agent.destroy();
  }

  private async post(path: string, body: string, headers: Record<string, string>): Promise<void> {
    const { status, body: answer } = await this.call("POST", path, body, headers);
    if (status < 200 || status >= 300) throw new RuntimeApiError(`${path} answered ${status}: ${answer}`, status);
  }

  private call(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
    const url = new URL(path, this.base);
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body, "utf8");
      const req = request(
        url,
        {
          method,
          agent: this.agent,
          signal,
          headers: payload === undefined ? headers : { ...headers, "content-length": String(payload.byteLength) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", (error) => reject(new RuntimeApiError(`${method} ${path}: ${error.message}`, undefined, { cause: error })));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        },
      );
      req.on("error", (error) => reject(new RuntimeApiError(`${method} ${path}: ${error.message}`, undefined, { cause: error })));
      req.end(payload);
    });
  }
}
