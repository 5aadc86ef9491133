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
export const DurableExecutionClientErrorScope = {
  INVOCATION: "INVOCATION",
  EXECUTION: "EXECUTION",
} as const;
export type DurableExecutionClientErrorScope = (typeof DurableExecutionClientErrorScope)[keyof typeof DurableExecutionClientErrorScope];

/** Options of `new DurableExecutionClientError(message, options)` (the official SDK's form). */
export interface DurableExecutionClientErrorOptions {
  /** Default `INVOCATION`: an error the SDK does not understand gets another invocation. */
  scope?: DurableExecutionClientErrorScope;
  cause?: unknown;
}

interface ClientErrorInit {
  scope: DurableExecutionClientErrorScope;
  message: string;
  statusCode?: number;
  serviceErrorName?: string;
  cause?: unknown;
}

/**
 * A call to the durable execution API (checkpoint, get state) failed.
 *
 * A custom {@link DurableExecutionClient} throws it to state the classification itself:
 * `new DurableExecutionClientError("rejected", { scope: "EXECUTION" })`. With scope `EXECUTION` it
 * is **terminal** and the execution fails (also when it escapes handler code); with scope
 * `INVOCATION` the invocation throws so Lambda retries it.
 */
export class DurableExecutionClientError extends DurableError {
  /** Whether the execution fails or only this invocation. */
  readonly scope: DurableExecutionClientErrorScope;
  /** HTTP status of the service's answer, when there was one. */
  declare readonly statusCode?: number;
  /** The service's exception name, e.g. `"InvalidParameterValueException"`. */
  declare readonly serviceErrorName?: string;
  /** Structural marker read by {@link isDurableExecutionClientError} (works across SDK copies). */
  declare readonly isDurableExecutionClientError: true;

  constructor(message: string, options?: DurableExecutionClientErrorOptions);
  constructor(init: ClientErrorInit);
  constructor(first: string | ClientErrorInit, options: DurableExecutionClientErrorOptions = {}) {
    const init: ClientErrorInit = typeof first === "string" ? { message: first, scope: options.scope ?? "INVOCATION", cause: options.cause } : first;
    super(init.message, { cause: init.cause });
    this.scope = init.scope;
    assignDefined(this, { statusCode: init.statusCode, serviceErrorName: init.serviceErrorName });
  }
}

// On the prototype, not an own property, so recorded errors carry no extra field.
Object.defineProperty(DurableExecutionClientError.prototype, "isDurableExecutionClientError", { value: true });

defineErrorClass(DurableExecutionClientError, "DurableExecutionClientError", ErrorCode.DURABLE_EXECUTION_CLIENT_ERROR);

/**
 * True when `error` carries a {@link DurableExecutionClientError} classification: matched by its
 * marker and a known scope, not `instanceof`, so a transport bundled with another copy (or the
 * official SDK's class) is recognized.
 */
export function isDurableExecutionClientError(error: unknown): error is DurableExecutionClientError {
  if (typeof error !== "object" || error === null) return false;
  const candidate = error as { isDurableExecutionClientError?: unknown; scope?: unknown };
  return candidate.isDurableExecutionClientError === true && (candidate.scope === "INVOCATION" || candidate.scope === "EXECUTION");
}
