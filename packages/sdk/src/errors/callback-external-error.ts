import { ErrorCode } from "./codes.js";
import { defineErrorClass } from "./error-class-registry.js";
import { CallbackError } from "./callback-error.js";

/**
 * The sender of a callback reported failure, or the result it sent breaks the
 * callback's `schema` (then `cause` is an `InvalidEventError` with source
 * `"callback"`).
 *
 * Delivered to user code; uncaught, it fails the execution.
 */
export class CallbackExternalError extends CallbackError {
  override get errorType(): string {
    return "CallbackExternalError";
  }
}

defineErrorClass(CallbackExternalError, "CallbackExternalError", ErrorCode.CALLBACK_EXTERNAL_FAILED);
