import { ErrorCode } from "./codes.js";
import { defineErrorClass } from "./error-class-registry.js";
import { DurableOperationError } from "./durable-operation-error.js";

/**
 * A `ctx.promise` combinator (`all`, `any`, …) rejected; `cause` is the
 * rejection it reports.
 *
 * Delivered to user code; uncaught, it fails the execution.
 */
export class PromiseCombinatorError extends DurableOperationError {
  get errorType(): string {
    return "PromiseCombinatorError";
  }
}

defineErrorClass(PromiseCombinatorError, "PromiseCombinatorError", ErrorCode.PROMISE_COMBINATOR_FAILED);
