import { ErrorCode } from "./codes.js";
import { defineErrorClass } from "./error-class-registry.js";
import { CallbackError } from "./callback-error.js";

/**
 * A callback timed out, or missed its heartbeat timeout.
 *
 * Delivered to user code; uncaught, it fails the execution.
 */
export class CallbackTimeoutError extends CallbackError {
  override get errorType(): string {
    return "CallbackTimeoutError";
  }
}

defineErrorClass(CallbackTimeoutError, "CallbackTimeoutError", ErrorCode.CALLBACK_TIMED_OUT);
