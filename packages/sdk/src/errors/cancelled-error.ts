import { ErrorCode } from "./codes.js";
import { DurableError } from "./durable-error.js";
import { defineErrorClass } from "./error-class-registry.js";

/**
 * Why a context was cancelled:
 * - `BATCH_COMPLETED`: a map or parallel ended early while this item still ran;
 * - `INVOCATION_ENDING`: the invocation is ending (handler settled, suspension
 *   or deadline) while this code still runs;
 * - `RACE_LOST`: this child context lost a `context.promise.race` / `any`.
 */
export type CancelledReason = "BATCH_COMPLETED" | "INVOCATION_ENDING" | "RACE_LOST";

/**
 * The context's `signal` was aborted; operations started on it afterwards
 * reject with this error and write nothing.
 *
 * Delivered to user code and never retried by any retry strategy.
 */
export class CancelledError extends DurableError {
  /** Why the context was cancelled. */
  readonly reason: CancelledReason;

  constructor(reason: CancelledReason, message?: string) {
    super(
      message ??
        (reason === "BATCH_COMPLETED"
          ? "Cancelled: the map or parallel this item belongs to has completed"
          : reason === "RACE_LOST"
            ? "Cancelled: another input settled the race first"
            : "Cancelled: the invocation is ending"),
    );
    this.reason = reason;
  }
}

defineErrorClass(CancelledError, "CancelledError", ErrorCode.CANCELLED);
