import { ErrorCode } from "./codes.js";
import { defineErrorClass } from "./error-class-registry.js";
import { CallbackError } from "./callback-error.js";

/**
 * The submitter function of `waitForCallback` failed after its retries;
 * `cause` is the error it threw.
 *
 * Delivered to user code; uncaught, it fails the execution.
 */
export class CallbackSubmitterError extends CallbackError {
  override get errorType(): string {
    return "CallbackSubmitterError";
  }
}

defineErrorClass(CallbackSubmitterError, "CallbackSubmitterError", ErrorCode.CALLBACK_SUBMITTER_FAILED);
