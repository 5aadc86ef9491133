import type { ErrorObject } from "@aws-sdk/client-lambda";
import { SerdesError } from "../errors/index.js";
import { InvocationStatus, type DurableExecutionInvocationOutput } from "./types.js";

export function failedAnswer(error: ErrorObject): DurableExecutionInvocationOutput {
  return { Status: InvocationStatus.FAILED, Error: error };
}

export const PENDING_ANSWER: DurableExecutionInvocationOutput = Object.freeze({ Status: InvocationStatus.PENDING });

/**
 * The handler's result as the answer's `Result`: `JSON.stringify(v)`, omitted for `undefined`.
 * A value JSON cannot represent (BigInt, cycles) is a terminal `SerdesError`, and so is a value
 * JSON would silently drop (a function or a symbol): it is never answered as "no result".
 */
export function serializeHandlerResult(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "function" || typeof value === "symbol") {
    const received = typeof value === "function" ? `a function${value.name ? ` (${value.name})` : ""}` : "a symbol";
    throw new SerdesError({
      direction: "serialize",
      retryable: false,
      operation: "handler result",
      message: `The handler returned ${received}, which JSON cannot represent; expected a JSON-serializable value or undefined (did you forget to call it or await it?)`,
    });
  }
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new SerdesError({ direction: "serialize", retryable: false, operation: "handler result", cause: error as Error });
  }
}

const ANSWER_ENVELOPE_BYTES = Buffer.byteLength(JSON.stringify({ Status: InvocationStatus.SUCCEEDED, Result: "" }), "utf8");

/**
 * UTF-8 size of the Lambda response `{"Status":"SUCCEEDED","Result":result}` as the runtime
 * serializes it: `Result` is a JSON string inside JSON, so its quotes and backslashes are escaped
 * again. That, not the result's own size, is what Lambda's response limit applies to.
 */
export function answerBytes(result: string): number {
  return ANSWER_ENVELOPE_BYTES - 2 + Buffer.byteLength(JSON.stringify(result), "utf8");
}
