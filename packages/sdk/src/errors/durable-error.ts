import type { ErrorCode } from "./codes.js";

/** Options accepted by every {@link DurableError} constructor. */
export interface DurableErrorOptions {
  /** The error that caused this one; kept as the standard ES2022 `cause`. */
  cause?: unknown;
}

/**
 * Base class of every error the SDK throws.
 *
 * Each error carries a `code` from {@link ErrorCode}, a `name` equal to its
 * class name and, when it wraps another failure, a `cause`. What throwing an
 * error does (retried, fails the execution, delivered to user code) is stated
 * on each subclass.
 *
 * Match on `code` (see `isDurableError`), not `instanceof`: two copies of the
 * SDK in one process do not share classes.
 */
export abstract class DurableError extends Error {
  /** Machine-readable code; see {@link ErrorCode}. */
  declare readonly code: ErrorCode;

  protected constructor(message?: string, options?: DurableErrorOptions) {
    super(message ?? "", options !== undefined && options.cause !== undefined ? { cause: options.cause } : undefined);
    // SDK classes define `name` on their prototype; a subclass written outside
    // the SDK gets its own class name here.
    if (!Object.prototype.hasOwnProperty.call(new.target.prototype, "name")) {
      Object.defineProperty(this, "name", { value: new.target.name, writable: true, configurable: true });
    }
  }
}

/**
 * Copies the fields whose value is not `undefined` onto `target`, so optional
 * fields that were not given stay absent (and a recorded error carries no
 * `undefined` properties).
 *
 * @internal
 */
export function assignDefined(target: object, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
}
