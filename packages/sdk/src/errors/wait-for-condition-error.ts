import { ErrorCode } from "./codes.js";
import { defineErrorClass } from "./error-class-registry.js";
import { DurableOperationError } from "./durable-operation-error.js";

/**
 * `waitForCondition` failed: its check threw (the error is the `cause`), its
 * wait strategy ran out of attempts, or its `timeoutSeconds` passed. It is
 * never retried.
 *
 * Delivered to user code; uncaught, it fails the execution.
 */
export class WaitForConditionError extends DurableOperationError {
  get errorType(): string {
    return "WaitForConditionError";
  }
}

defineErrorClass(WaitForConditionError, "WaitForConditionError", ErrorCode.WAIT_FOR_CONDITION_FAILED);
