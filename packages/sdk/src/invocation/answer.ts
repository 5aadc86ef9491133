import type { ErrorObject } from "@aws-sdk/client-lambda";
import { SerdesError } from "../errors/index.js";
import { InvocationStatus, type DurableExecutionInvocationOutput } from "./types.js";

export function failedAnswer(error: ErrorObject): DurableExecutionInvocationOutput {
  return { Status: InvocationStatus.FAILED, Error: error };
}

export const PENDING_ANSWER: DurableExecutionInvocationOutput = Object.freeze({ Status: InvocationStatus.PENDING });

/**
 * The handler's result as the answer's `Result`: `JSON.stringify(v)`, omitted for `undefined`.
 * A value JSON cannot represent (BigInt, cycles) is a terminal `SerdesError`.
 */
export function serializeHandlerResult(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new SerdesError({ direction: "serialize", retryable: false, operation: "handler result", cause: error as Error });
  }
}
