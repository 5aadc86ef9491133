/**
 * The Runtime API's streamed `/response` (`Lambda-Runtime-Function-Response-Mode: streaming`):
 * the invocation is answered as soon as the stream opens, and its chunks are relayed as they
 * arrive; the `Lambda-Runtime-Function-Error-Type` / `-Body` trailers turn its end into an error.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LocalService } from "../local-service.js";
import { putStream, StreamedResponse, StreamError } from "./streams.js";

const RESPONSE_PATH = /^\/runtime\/([^/]+)\/2018-06-01\/runtime\/invocation\/([^/]+)\/response$/;

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
  res.end(text);
}

function errorFromTrailers(trailers: NodeJS.Dict<string>): StreamError | undefined {
  const errorType = trailers["lambda-runtime-function-error-type"];
  if (errorType === undefined) return undefined;
  let document: Record<string, unknown> = { errorMessage: errorType };
  const body = trailers["lambda-runtime-function-error-body"];
  if (body) {
    try {
      document = JSON.parse(Buffer.from(body, "base64").toString("utf8")) as Record<string, unknown>;
    } catch {
      document = { errorMessage: Buffer.from(body, "base64").toString("utf8") };
    }
  }
  return new StreamError(errorType, document);
}

/** Takes a streamed `/response`; false when the request is something else. */
export function acceptStreamedResponse(service: LocalService, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "POST" || String(req.headers["lambda-runtime-function-response-mode"] ?? "").toLowerCase() !== "streaming") return false;
  const match = RESPONSE_PATH.exec((req.url ?? "").split("?")[0]!); // split returns at least one element
  if (!match) return false;
  // Both groups of RESPONSE_PATH are mandatory: a match has them.
  const encodedFn = match[1]!;
  const encodedRequestId = match[2]!;
  const runtime = service.runtime(decodeURIComponent(encodedFn));
  const requestId = decodeURIComponent(encodedRequestId);
  if (!runtime) {
    answer(res, 404, { errorType: "ResourceNotFound", errorMessage: `No external function ${JSON.stringify(encodedFn)} is registered` });
    req.resume();
    return true;
  }
  const stream = new StreamedResponse(req.headers["content-type"]);
  putStream(runtime, requestId, stream);
  // The invocation is answered now; its reader takes the stream by request id.
  if (!runtime.respond(requestId, "")) {
    answer(res, 400, { errorType: "InvalidRequestID", errorMessage: `No running invocation ${requestId} (unknown, already answered or timed out)` });
    req.resume();
    return true;
  }
  const timeout = setTimeout(() => {
    stream.fail(new StreamError("Sandbox.Timedout", { errorMessage: `Task timed out after ${(runtime.timeoutMs / 1000).toFixed(2)} seconds` }));
    req.destroy();
  }, runtime.timeoutMs);
  timeout.unref?.();
  req.on("data", (chunk: Buffer) => stream.push(chunk));
  req.on("end", () => {
    clearTimeout(timeout);
    const error = errorFromTrailers(req.trailers);
    if (error) stream.fail(error);
    else stream.end();
    answer(res, 202, { status: "OK" });
  });
  req.on("error", (error) => {
    clearTimeout(timeout);
    stream.fail(new StreamError("Runtime.ExitError", { errorMessage: `The function's stream broke off: ${error.message}` }));
  });
  req.on("close", () => {
    if (!req.complete) stream.fail(new StreamError("Runtime.ExitError", { errorMessage: "The function's stream broke off before its end" }));
  });
  return true;
}
