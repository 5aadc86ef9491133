import { ErrorCode } from "./codes.js";
import { defineErrorClass } from "./error-class-registry.js";
import { DurableOperationError } from "./durable-operation-error.js";

/**
 * A step failed after its retry strategy gave up (or chose not to retry).
 *
 * `cause` is the error the step function threw, restored with its class, so
 * the message matches: a step throwing `TypeError("x")` rejects with
 * `StepError{message: "x", cause: TypeError("x")}`. Delivered to user code;
 * uncaught, it fails the execution.
 */
export class StepError extends DurableOperationError {
  get errorType(): string {
    return "StepError";
  }
}

defineErrorClass(StepError, "StepError", ErrorCode.STEP_FAILED);
