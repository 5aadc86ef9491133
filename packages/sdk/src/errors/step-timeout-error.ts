import { ErrorCode } from "./codes.js";
import { DurableError } from "./durable-error.js";
import { defineErrorClass } from "./error-class-registry.js";

/**
 * A step attempt ran past its `timeout`, or was still running when the
 * invocation neared its deadline. The attempt's `signal` is aborted with this
 * error and the attempt fails at once; a late settlement is ignored.
 *
 * Handed to the step's retry strategy; if it does not retry, the step fails
 * with a `StepError` whose `cause` is this error.
 */
export class StepTimeoutError extends DurableError {
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  constructor(timeoutMs: number, message?: string) {
    super(message ?? `Step attempt timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

defineErrorClass(StepTimeoutError, "StepTimeoutError", ErrorCode.STEP_TIMEOUT);
