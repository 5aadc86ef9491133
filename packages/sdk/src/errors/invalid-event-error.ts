import { ErrorCode } from "./codes.js";
import { assignDefined, DurableError } from "./durable-error.js";
import { defineErrorClass } from "./error-class-registry.js";

/** Where the invalid data came from. */
export type InvalidEventSource = "invocation" | "input" | "callback";

/** One validation problem, in the shape of a Standard Schema issue. */
export interface InvalidEventIssue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
}

/**
 * Data from outside failed validation. What happens depends on `source`:
 * - `invocation`: the Lambda event is not a durable execution event; the
 *   invocation throws.
 * - `input`: the execution input failed the `validate` schema; **terminal**,
 *   the execution fails with nothing checkpointed.
 * - `callback`: a callback result failed its `schema`; it becomes the `cause`
 *   of a `CallbackExternalError` delivered to user code.
 */
export class InvalidEventError extends DurableError {
  /** Where the invalid data came from. */
  readonly source: InvalidEventSource;
  /** The schema's issues, when a schema rejected the data. */
  declare readonly issues?: ReadonlyArray<InvalidEventIssue>;
  /** The field at fault, when one is known. */
  declare readonly field?: string;

  constructor(init: { source: InvalidEventSource; message: string; field?: string; issues?: ReadonlyArray<InvalidEventIssue>; cause?: unknown }) {
    super(init.message, { cause: init.cause });
    this.source = init.source;
    assignDefined(this, { issues: init.issues, field: init.field });
  }
}

defineErrorClass(InvalidEventError, "InvalidEventError", ErrorCode.INVALID_EVENT);
