import { ErrorCode, isErrorCode } from "./codes.js";
import type { DurableError } from "./durable-error.js";

// These checks read `name`, `code` and plain fields, never `instanceof`: the
// SDK may be loaded twice in one process (ESM and CJS, two bundles), and an
// error from one copy is not an instance of the other copy's classes.

const configCodes: ReadonlySet<string> = new Set([
  ErrorCode.INVALID_DURATION,
  ErrorCode.INVALID_NAME,
  ErrorCode.INVALID_CONFIG,
  ErrorCode.CONTEXT_MISUSE,
  ErrorCode.TRANSPORT_CONFLICT,
  ErrorCode.INVALID_FUNCTION_ID,
]);

function field(e: object, key: string): unknown {
  return (e as Record<string, unknown>)[key];
}

/**
 * True when `e` is an SDK error, optionally with the given `code`.
 * Works across copies of the SDK (it checks `code`, not `instanceof`).
 */
export function isDurableError(e: unknown, code?: ErrorCode): e is DurableError {
  if (!(e instanceof Error) && (typeof e !== "object" || e === null)) return false;
  const actual = field(e, "code");
  if (!isErrorCode(actual) || typeof field(e, "name") !== "string") return false;
  return code === undefined || actual === code;
}

/**
 * True when `e` must fail the execution at once, out of reach of user
 * `try/catch` and retry strategies:
 * `NonDeterministicExecutionError`, `ConfigError`, `PayloadTooLargeError`,
 * a `SerdesError` that is not retryable, an `InvalidEventError` from the
 * `input` source, and a `DurableExecutionClientError` with scope `EXECUTION`.
 */
export function isTerminalError(e: unknown): boolean {
  // A transport's own classification (this SDK's class from another copy, or the official SDK's).
  if (field(Object(e), "isDurableExecutionClientError") === true) return field(Object(e), "scope") === "EXECUTION";
  if (!isDurableError(e)) return false;
  const name = e.name;
  const code: string = e.code;
  switch (name) {
    case "NonDeterministicExecutionError":
      return code === ErrorCode.NON_DETERMINISTIC_EXECUTION;
    case "ConfigError":
      return configCodes.has(code);
    case "PayloadTooLargeError":
      return code === ErrorCode.PAYLOAD_TOO_LARGE;
    case "SerdesError":
      return code === ErrorCode.SERDES_FAILED && field(e, "retryable") !== true;
    case "InvalidEventError":
    case "InvalidInputError":
      return code === ErrorCode.INVALID_EVENT && field(e, "source") === "input";
    case "DurableExecutionClientError":
      return code === ErrorCode.DURABLE_EXECUTION_CLIENT_ERROR && field(e, "scope") === "EXECUTION";
    default:
      return false;
  }
}

/** True when `e` is a `CancelledError` (from any copy of the SDK). */
export function isCancelledError(e: unknown): boolean {
  return isDurableError(e, ErrorCode.CANCELLED) && e.name === "CancelledError";
}
