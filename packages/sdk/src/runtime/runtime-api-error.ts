/**
 * What a Runtime API call reports back: the error document it accepts and the error its callers
 * throw. Shared by the request client and the streamed response, which therefore do not import
 * each other.
 */

/** The error document the Runtime API accepts on `/error` and `/init/error`. */
export interface RuntimeErrorPayload {
  errorType: string;
  errorMessage: string;
  stackTrace?: string[];
}

/** A failed call to the Runtime API (connection lost, unexpected status). */
export class RuntimeApiError extends Error {
  override readonly name = "RuntimeApiError";
  readonly status?: number;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}
