import { ErrorCode } from "./codes.js";
import { defineErrorClass } from "./error-class-registry.js";
import { DurableOperationError } from "./durable-operation-error.js";

/**
 * A callback did not deliver a result. Base class of
 * {@link CallbackExternalError}, {@link CallbackTimeoutError} and
 * {@link CallbackSubmitterError}; catch it to handle all three.
 *
 * Delivered to user code; uncaught, it fails the execution.
 */
export class CallbackError extends DurableOperationError {
  get errorType(): string {
    return "CallbackError";
  }
}

defineErrorClass(CallbackError, "CallbackError", ErrorCode.CALLBACK_FAILED);
