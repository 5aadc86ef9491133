/**
 * Invoke of a plain (`durable: false`) external function: the payload goes to its process through
 * the Runtime API as is, and the answer is what the process posts, as Lambda answers a synchronous
 * Invoke: 200 with the result, or 200 with `X-Amz-Function-Error: Unhandled` and the error
 * document. `Event` invocations are queued and answered 202 at once.
 */
import { randomUUID } from "node:crypto";
import { FunctionError, type FunctionRuntime } from "../function-runtime.js";
import type { ServiceResponse } from "../http.js";
import { localFunctionArn } from "../local-service.js";
import { HTTP_INTEGRATION, readPrelude, StreamError, takeStream } from "../function-url/streams.js";

async function drain(chunks: AsyncIterator<Buffer>): Promise<Buffer> {
  const all: Buffer[] = [];
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) all.push(next.value);
  return Buffer.concat(all);
}

/** The error document Invoke answers for a failed invocation. */
export function errorDocument(error: FunctionError): Record<string, unknown> {
  const document: Record<string, unknown> = { errorType: error.name, errorMessage: error.message };
  if (error.stackTrace?.length) document.stackTrace = error.stackTrace;
  return document;
}

/**
 * The `LogType: Tail` log of an invocation: Lambda's START / END / REPORT lines (the function's own
 * output stays with its process). `Duration` runs from the Invoke reaching the queue to the
 * function's answer; with a process already polling, that is the handler's time on the Runtime API.
 */
function tailLog(requestId: string, durationMs: number): string {
  const duration = durationMs.toFixed(2);
  const lines = [
    `START RequestId: ${requestId} Version: $LATEST`,
    `END RequestId: ${requestId}`,
    `REPORT RequestId: ${requestId}\tDuration: ${duration} ms\tBilled Duration: ${Math.max(1, Math.ceil(durationMs))} ms\t`,
  ];
  return Buffer.from(`${lines.join("\n")}\n`).toString("base64");
}

/** The Invoke answer of a plain function (`tail`: LogType Tail, the REPORT line in `X-Amz-Log-Result`). */
export async function invokePlain(runtime: FunctionRuntime, payload: string | undefined, async: boolean, tail = false): Promise<ServiceResponse> {
  const headers: Record<string, string> = { "x-amz-executed-version": "$LATEST" };
  const requestId = randomUUID();
  const startedAt = performance.now();
  const answer = runtime.invoke(payload ?? "{}", { requestId, functionArn: localFunctionArn(runtime.name) });
  if (async) {
    answer.catch(() => undefined); // nobody waits for an Event invocation's outcome
    return { status: 202, headers };
  }
  const settled = await answer.then(
    (body) => ({ body }),
    (error: unknown) => ({ error }),
  );
  if (tail) headers["x-amz-log-result"] = tailLog(requestId, performance.now() - startedAt);
  const failed = (document: Record<string, unknown>): ServiceResponse => ({
    status: 200,
    headers: { ...headers, "content-type": "application/json", "x-amz-function-error": "Unhandled" },
    body: JSON.stringify(document),
  });
  if ("error" in settled) {
    if (!(settled.error instanceof FunctionError)) throw settled.error;
    return failed(errorDocument(settled.error));
  }
  // A streamed answer is collected whole: Invoke is not a streaming API.
  const stream = takeStream(runtime, requestId);
  if (!stream) return { status: 200, headers: { ...headers, "content-type": "application/json" }, body: settled.body };
  try {
    const all = stream.read();
    const payload = stream.contentType?.startsWith(HTTP_INTEGRATION)
      ? await readPrelude(all).then(async ({ rest }) => Buffer.concat([rest, await drain(all)]))
      : await drain(all);
    return { status: 200, headers: { ...headers, "content-type": stream.contentType ?? "application/octet-stream" }, body: payload };
  } catch (error) {
    if (error instanceof StreamError) return failed(error.document);
    throw error;
  }
}
