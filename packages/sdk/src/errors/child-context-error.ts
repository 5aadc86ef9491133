import { ErrorCode } from "./codes.js";
import { defineErrorClass } from "./error-class-registry.js";
import { DurableOperationError } from "./durable-operation-error.js";

/**
 * A child context (also a map item or parallel branch) failed; `cause` is the
 * error its function threw.
 *
 * Delivered to user code (map and parallel report it per item instead of
 * throwing); uncaught, it fails the execution.
 */
export class ChildContextError extends DurableOperationError {
  get errorType(): string {
    return "ChildContextError";
  }
}

defineErrorClass(ChildContextError, "ChildContextError", ErrorCode.CHILD_CONTEXT_FAILED);
