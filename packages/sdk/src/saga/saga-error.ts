/** Codes a {@link SagaError} may carry. */
export const SagaErrorCode = {
  /** A step failed; every registered compensation then ran and succeeded. */
  COMPENSATED: "SAGA_COMPENSATED",
  /** A step failed and at least one compensation failed for good (after its own retries). */
  COMPENSATION_FAILED: "SAGA_COMPENSATION_FAILED",
} as const;

/** Union of the {@link SagaErrorCode} strings. */
export type SagaErrorCode = (typeof SagaErrorCode)[keyof typeof SagaErrorCode];

/** A compensation that failed for good. */
export interface FailedCompensation {
  /** Name of the step (or registered action) whose compensation failed. */
  step: string;
  /** The compensation's last error: its name and message. */
  errorType: string;
  errorMessage: string;
}

/** Fields of a {@link SagaError}, as recorded in the saga's checkpoint. */
export interface SagaErrorFields {
  code: SagaErrorCode;
  /** Name of the step that failed, or `undefined` when the failure came from code outside a saga step. */
  failedStep: string | undefined;
  /** Compensations that ran and succeeded, in the order they ran (the reverse of registration). */
  compensated: string[];
  /** Compensations that failed for good, in the order they ran. */
  failedCompensations: FailedCompensation[];
}

/**
 * A saga failed and its compensations ran. `cause` is the error that made the saga fail;
 * `compensated` lists what was undone, `failedCompensations` what could not be.
 *
 * Delivered to the code that awaited `saga(...)`; uncaught, it fails the execution like any
 * error. The same error (fields, message and cause) is returned on replay, restored from the
 * saga's checkpoint. Match on `code`, not `instanceof`, when the SDK may be loaded twice.
 */
export class SagaError extends Error implements SagaErrorFields {
  declare readonly code: SagaErrorCode;
  declare readonly failedStep: string | undefined;
  declare readonly compensated: string[];
  declare readonly failedCompensations: FailedCompensation[];

  constructor(message: string, fields: SagaErrorFields, options?: { cause?: unknown }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    // Own enumerable fields: the SDK's error codec records them and restores them on replay.
    Object.defineProperty(this, "name", { value: "SagaError", writable: true, configurable: true });
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue; // an absent field stays absent in the record
      Object.defineProperty(this, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
}

/** True when `e` is a {@link SagaError} (by code, so it holds across two copies of the SDK). */
export function isSagaError(e: unknown): e is SagaError {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && (code === SagaErrorCode.COMPENSATED || code === SagaErrorCode.COMPENSATION_FAILED);
}

/**
 * Rebuilds a {@link SagaError} from the error the saga's child context recorded (live or restored
 * from the log). An error of another kind (a terminal SDK error, say) is returned as it is.
 */
export function toSagaError(recorded: Error): Error {
  if (recorded instanceof SagaError || !isSagaError(recorded)) return recorded;
  const fields = recorded as unknown as SagaErrorFields;
  return new SagaError(
    recorded.message,
    {
      code: fields.code,
      failedStep: fields.failedStep,
      compensated: [...(fields.compensated ?? [])],
      failedCompensations: [...(fields.failedCompensations ?? [])],
    },
    { cause: recorded.cause },
  );
}
