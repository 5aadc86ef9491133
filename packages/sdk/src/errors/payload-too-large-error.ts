import { ErrorCode } from "./codes.js";
import { DurableError } from "./durable-error.js";
import { defineErrorClass } from "./error-class-registry.js";

/**
 * A serialized value (step result, condition state, invoke payload, …) is
 * larger than the limit the service accepts. Found locally, before sending.
 *
 * **Terminal:** the execution fails at once and user code cannot catch it.
 */
export class PayloadTooLargeError extends DurableError {
  /** The operation whose value is too large (its name, or its id). */
  readonly operation: string;
  /** UTF-8 size of the serialized value. */
  readonly sizeBytes: number;
  /** The limit it exceeds. */
  readonly limitBytes: number;

  constructor(init: { operation: string; sizeBytes: number; limitBytes: number; message?: string }) {
    super(init.message ?? `Payload of ${init.operation} is ${init.sizeBytes} bytes, ` + `over the limit of ${init.limitBytes} bytes`);
    this.operation = init.operation;
    this.sizeBytes = init.sizeBytes;
    this.limitBytes = init.limitBytes;
  }
}

defineErrorClass(PayloadTooLargeError, "PayloadTooLargeError", ErrorCode.PAYLOAD_TOO_LARGE);
