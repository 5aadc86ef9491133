import { ErrorCode } from "./codes.js";
import { assignDefined, DurableError } from "./durable-error.js";
import { defineErrorClass } from "./error-class-registry.js";

/**
 * How far a failed service call reaches:
 * - `EXECUTION`: the service rejected the request for good (a 4xx other than
 *   429, a KMS error); the execution fails.
 * - `INVOCATION`: transient (429, 5xx, network, stale token); the invocation
 *   throws and Lambda retries it.
 */
export type DurableExecutionClientErrorScope = "EXECUTION" | "INVOCATION";

/**
 * A call to the durable execution API (checkpoint, get state) failed.
 *
 * Handled by the SDK, never delivered to user code: with scope `EXECUTION` it
 * is **terminal** and the execution fails; with scope `INVOCATION` the
 * invocation throws so Lambda retries it.
 */
export class DurableExecutionClientError extends DurableError {
  /** Whether the execution fails or only this invocation. */
  readonly scope: DurableExecutionClientErrorScope;
  /** HTTP status of the service's answer, when there was one. */
  declare readonly statusCode?: number;
  /** The service's exception name, e.g. `"InvalidParameterValueException"`. */
  declare readonly serviceErrorName?: string;

  constructor(init: {
    scope: DurableExecutionClientErrorScope;
    message: string;
    statusCode?: number;
    serviceErrorName?: string;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.scope = init.scope;
    assignDefined(this, { statusCode: init.statusCode, serviceErrorName: init.serviceErrorName });
  }
}

defineErrorClass(DurableExecutionClientError, "DurableExecutionClientError", ErrorCode.DURABLE_EXECUTION_CLIENT_ERROR);
