import type { ErrorObject } from "@aws-sdk/client-lambda";
import { decodeDefaultPayload } from "@durable-ts/sdk";

/** A recorded failure as tests see it. */
export interface TestResultError {
  errorMessage?: string;
  errorType?: string;
  errorData?: string;
  stackTrace?: string[];
}

/** Decodes an operation payload the way the SDK's default serdes wrote it (plain JSON or superjson envelope). */
export function decodePayload<T>(payload: string | undefined): T | undefined {
  if (payload === undefined || payload === "") return undefined;
  try {
    return decodeDefaultPayload(payload) as T;
  } catch {
    return payload as T; // not JSON: a raw string (e.g. a callback result sent as text)
  }
}

export function toTestResultError(error: ErrorObject | undefined): TestResultError | undefined {
  if (!error) return undefined;
  return {
    errorMessage: error.ErrorMessage,
    errorType: error.ErrorType,
    errorData: error.ErrorData,
    stackTrace: error.StackTrace,
  };
}
