/**
 * Every error code the SDK puts on a {@link DurableError}.
 *
 * Match on `error.code` (or use `isDurableError(error, code)`) rather than
 * `instanceof`: the SDK may be loaded twice in one process (two bundles, ESM
 * and CJS), and then `instanceof` fails across the copies.
 */
export const ErrorCode = {
  // ConfigError
  INVALID_DURATION: "INVALID_DURATION",
  INVALID_NAME: "INVALID_NAME",
  INVALID_CONFIG: "INVALID_CONFIG",
  CONTEXT_MISUSE: "CONTEXT_MISUSE",
  TRANSPORT_CONFLICT: "TRANSPORT_CONFLICT",
  INVALID_FUNCTION_ID: "INVALID_FUNCTION_ID",
  // DurableOperationError subclasses
  STEP_FAILED: "STEP_FAILED",
  CALLBACK_FAILED: "CALLBACK_FAILED",
  CALLBACK_EXTERNAL_FAILED: "CALLBACK_EXTERNAL_FAILED",
  CALLBACK_TIMED_OUT: "CALLBACK_TIMED_OUT",
  CALLBACK_SUBMITTER_FAILED: "CALLBACK_SUBMITTER_FAILED",
  INVOKE_FAILED: "INVOKE_FAILED",
  CHILD_CONTEXT_FAILED: "CHILD_CONTEXT_FAILED",
  WAIT_FOR_CONDITION_FAILED: "WAIT_FOR_CONDITION_FAILED",
  PROMISE_COMBINATOR_FAILED: "PROMISE_COMBINATOR_FAILED",
  BATCH_COMPLETION_FAILED: "BATCH_COMPLETION_FAILED",
  // Other SDK errors
  STEP_INTERRUPTED: "STEP_INTERRUPTED",
  STEP_TIMEOUT: "STEP_TIMEOUT",
  CANCELLED: "CANCELLED",
  NON_DETERMINISTIC_EXECUTION: "NON_DETERMINISTIC_EXECUTION",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  SERDES_FAILED: "SERDES_FAILED",
  INVALID_EVENT: "INVALID_EVENT",
  DURABLE_EXECUTION_CLIENT_ERROR: "DURABLE_EXECUTION_CLIENT_ERROR",
} as const;

/** Union of every {@link ErrorCode} string. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The codes a {@link ConfigError} may carry. */
export type ConfigErrorCode =
  | typeof ErrorCode.INVALID_DURATION
  | typeof ErrorCode.INVALID_NAME
  | typeof ErrorCode.INVALID_CONFIG
  | typeof ErrorCode.CONTEXT_MISUSE
  | typeof ErrorCode.TRANSPORT_CONFLICT
  | typeof ErrorCode.INVALID_FUNCTION_ID;

const allCodes: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** True when `value` is one of the {@link ErrorCode} strings. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && allCodes.has(value);
}
