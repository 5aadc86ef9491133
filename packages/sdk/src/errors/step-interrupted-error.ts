import { ErrorCode } from "./codes.js";
import { DurableError } from "./durable-error.js";
import { defineErrorClass } from "./error-class-registry.js";

/**
 * An at-most-once step attempt was found STARTED on replay: an earlier
 * invocation began it and ended before recording its outcome, so the SDK
 * cannot know whether its effect happened and does not run it again.
 *
 * Handed to the step's retry strategy like any attempt failure; if it does
 * not retry, the step fails with a `StepError` whose `cause` is this error.
 */
export class StepInterruptedError extends DurableError {
  /** Operation id of the interrupted step. */
  readonly operationId: string;
  /** The 1-based attempt that was interrupted. */
  readonly attempt: number;

  constructor(init: { operationId: string; attempt: number; message?: string }) {
    super(
      init.message ??
        `Step ${init.operationId} attempt ${init.attempt} was interrupted: it started in an earlier invocation ` +
          `and did not record an outcome, so under at-most-once semantics it is not run again`,
    );
    this.operationId = init.operationId;
    this.attempt = init.attempt;
  }
}

defineErrorClass(StepInterruptedError, "StepInterruptedError", ErrorCode.STEP_INTERRUPTED);
