import { ErrorCode } from "./codes.js";
import { defineErrorClass } from "./error-class-registry.js";
import { DurableOperationError } from "./durable-operation-error.js";

/**
 * Thrown by `BatchResult.throwIfError()` when a map or parallel ended with a
 * custom FAILED outcome and no item error to throw instead.
 *
 * Delivered to user code; uncaught, it fails the execution.
 */
export class BatchCompletionError extends DurableOperationError {
  get errorType(): string {
    return "BatchCompletionError";
  }
}

defineErrorClass(BatchCompletionError, "BatchCompletionError", ErrorCode.BATCH_COMPLETION_FAILED);
