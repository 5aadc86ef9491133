import { ErrorCode } from "./codes.js";
import { defineErrorClass } from "./error-class-registry.js";
import { DurableOperationError } from "./durable-operation-error.js";

/**
 * A chained invoke ended FAILED, TIMED_OUT or STOPPED. `cause` keeps the
 * invoked function's error, with its `ErrorType` as name.
 *
 * Delivered to user code; uncaught, it fails the execution.
 */
export class InvokeError extends DurableOperationError {
  get errorType(): string {
    return "InvokeError";
  }
}

defineErrorClass(InvokeError, "InvokeError", ErrorCode.INVOKE_FAILED);
