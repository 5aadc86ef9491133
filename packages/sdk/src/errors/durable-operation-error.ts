import type { ErrorObject } from "@aws-sdk/client-lambda";
import { DurableError } from "./durable-error.js";
import { findSdkErrorClass } from "./error-class-registry.js";
import { errorFromErrorObject, errorToErrorObject } from "./error-codec.js";

/**
 * Base class of the errors that report a failed durable operation to user
 * code: a step, callback, invoke, child context, condition wait, promise
 * combinator or batch.
 *
 * These errors are delivered to the handler, which may catch them. Left
 * uncaught, they fail the execution. The failure is recorded with the
 * lossless error codec, so the same error (class, message, `cause`,
 * `errorData`) is thrown on the first run and on every replay.
 */
export abstract class DurableOperationError extends DurableError {
  /** The class name, as written to `ErrorObject.ErrorType`. */
  abstract readonly errorType: string;
  /** Machine-readable data, written verbatim to `ErrorObject.ErrorData` when nothing more must be kept. */
  declare errorData?: string;
  /** Stack lines of a restored error (`ErrorObject.StackTrace`); not set on a live error. */
  declare stackTrace?: string[];
  /** The failure that caused this one, restored with its class when replayed. */
  declare cause?: Error;

  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message, { cause });
    if (errorData !== undefined) this.errorData = errorData;
  }

  /**
   * Restores an error recorded by {@link DurableOperationError.toErrorObject}
   * (or by another SDK).
   *
   * When `ErrorType` names a `DurableOperationError` subclass, the result is
   * an instance of it. Otherwise the result is a `StepError` with the same
   * message whose `cause` is the restored error (its class looked up by name
   * among the SDK's and JavaScript's error classes).
   */
  static fromErrorObject(e: ErrorObject): DurableOperationError {
    const restored = errorFromErrorObject(e);
    if (restored instanceof DurableOperationError) return restored;
    // StepError registers itself when loaded (errors/index.ts loads it); it
    // cannot be imported here because it extends this class.
    const StepErrorClass = findSdkErrorClass("StepError") as (new (message?: string, cause?: Error) => DurableOperationError) | undefined;
    if (StepErrorClass === undefined) {
      throw new Error("StepError is not loaded: import the SDK errors from errors/index.js");
    }
    return new StepErrorClass(restored.message, restored);
  }

  /** Records this error with the lossless codec (stack traces included, 32 KiB limit). */
  toErrorObject(): ErrorObject {
    return errorToErrorObject(this);
  }
}
