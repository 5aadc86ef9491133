import type { ErrorObject } from "@aws-sdk/client-lambda";
import { decodeDefaultPayload, errorFromErrorObject } from "@durable-ts/sdk";

/**
 * A recorded failure as tests see it: the official kit's four fields with its values. What the
 * SDK records beyond them (stack lines, cause chain, properties) stays reachable through `cause`.
 */
export interface TestResultError {
  errorMessage?: string;
  errorType?: string;
  /** The error's own `errorData`; undefined when it had none (the SDK's recording envelope is not shown). */
  errorData?: string;
  /** Undefined for errors the SDK recorded, as in the official kit; lines a callback sender supplied are shown. */
  stackTrace?: string[];
  /**
   * (ours) The recorded error restored losslessly: its class where known, message, stack, properties
   * and `cause` chain. Not enumerable, so `toEqual` on the four fields is unaffected.
   */
  readonly cause?: Error;
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

const ENVELOPE_PREFIX = '{"durableError":';

/**
 * The test view of a recorded error. `source: "sdk"` (default) for errors the SDK wrote, whose
 * stack lines the official SDK never records; `"sender"` for a callback failure as its sender sent it.
 */
export function toTestResultError(error: ErrorObject | undefined, source: "sdk" | "sender" = "sdk"): TestResultError | undefined {
  if (!error) return undefined;
  const view: TestResultError = {
    errorMessage: error.ErrorMessage,
    errorType: error.ErrorType,
    errorData: ownErrorData(error.ErrorData),
    stackTrace: source === "sender" ? error.StackTrace : undefined,
  };
  let restored: Error | undefined;
  Object.defineProperty(view, "cause", {
    enumerable: false,
    get: () => (restored ??= errorFromErrorObject(error)),
  });
  return view;
}

/** `ErrorData` without the SDK's recording envelope: the user's own `errorData` string, if any. */
function ownErrorData(data: string | undefined): string | undefined {
  if (data === undefined || !data.startsWith(ENVELOPE_PREFIX)) return data;
  try {
    const envelope = JSON.parse(data) as { durableError?: unknown; data?: unknown };
    if (envelope.durableError === undefined) return data;
    return typeof envelope.data === "string" ? envelope.data : undefined;
  } catch {
    return data;
  }
}
