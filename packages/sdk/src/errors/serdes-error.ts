import { ErrorCode } from "./codes.js";
import { assignDefined, DurableError } from "./durable-error.js";
import { defineErrorClass } from "./error-class-registry.js";

/** Whether a value was being written or read. */
export type SerdesDirection = "serialize" | "deserialize";

/**
 * A value could not be serialized or deserialized.
 *
 * **Terminal** unless `retryable`: a retry cannot fix a deterministic fault,
 * so the execution fails at once. A serdes that knows its failure is
 * transient (e.g. external storage is unreachable) throws a `SerdesError`
 * with `retryable: true`; the invocation then throws and Lambda retries it.
 */
export class SerdesError extends DurableError {
  /** Whether the value was being written or read. */
  readonly direction: SerdesDirection;
  /** True when retrying the invocation may succeed. */
  readonly retryable: boolean;
  /** The operation whose value failed (its name, or its id). */
  declare readonly operation?: string;
  /** Where in the value the fault is (`$.items[2].callback`), when known. */
  declare readonly path?: string;

  constructor(init: { direction: SerdesDirection; retryable: boolean; operation?: string; path?: string; cause?: unknown; message?: string }) {
    super(init.message ?? describe(init), { cause: init.cause });
    this.direction = init.direction;
    this.retryable = init.retryable;
    assignDefined(this, { operation: init.operation, path: init.path });
  }
}

defineErrorClass(SerdesError, "SerdesError", ErrorCode.SERDES_FAILED);

function describe(init: { direction: SerdesDirection; operation?: string; cause?: unknown }): string {
  const what = init.operation !== undefined ? `the value of operation ${JSON.stringify(init.operation)}` : "a value";
  const why = init.cause instanceof Error ? `: ${init.cause.message}` : init.cause !== undefined ? `: ${String(init.cause)}` : "";
  return `Could not ${init.direction} ${what}${why}`;
}
