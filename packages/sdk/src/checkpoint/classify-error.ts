import { DurableExecutionClientError, isDurableExecutionClientError } from "../errors/index.js";

interface ServiceErrorShape {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $fault?: unknown;
}

const STALE_TOKEN_PREFIX = "invalid checkpoint token";

/**
 * Sorts a failed service call into the level that must handle it (protocol §9):
 * - `INVOCATION`: transient, the invocation throws and Lambda retries it with a fresh token
 *   (429, 5xx, network errors, unknown errors, and the stale-token 400, compared case-insensitively);
 * - `EXECUTION`: deterministic, a retry fails the same way, so the execution ends FAILED
 *   (other 4xx, KMS errors).
 */
export function classifyClientError(error: unknown, call: string): DurableExecutionClientError {
  // The transport classified it itself (official SDK convention): keep its scope.
  if (error instanceof DurableExecutionClientError) return error;
  if (isDurableExecutionClientError(error)) {
    const foreign = error as { scope: "INVOCATION" | "EXECUTION"; message?: unknown };
    return new DurableExecutionClientError({ scope: foreign.scope, message: `${call} failed: ${String(foreign.message)}`, cause: error });
  }
  const shape = (typeof error === "object" && error !== null ? error : {}) as ServiceErrorShape;
  const name = typeof shape.name === "string" ? shape.name : undefined;
  const message = typeof shape.message === "string" ? shape.message : String(error);
  const status = typeof shape.$metadata?.httpStatusCode === "number" ? shape.$metadata.httpStatusCode : undefined;
  const scope = isExecutionLevel(name, message, status) ? "EXECUTION" : "INVOCATION";
  return new DurableExecutionClientError({
    scope,
    message: `${call} failed${name ? ` with ${name}` : ""}${status ? ` (HTTP ${status})` : ""}: ${message}`,
    statusCode: status,
    serviceErrorName: name,
    cause: error instanceof Error ? error : undefined,
  });
}

function isExecutionLevel(name: string | undefined, message: string, status: number | undefined): boolean {
  if (name !== undefined && /^KMS\w*Exception$/.test(name)) return true;
  if (message.toLowerCase().startsWith(STALE_TOKEN_PREFIX)) return false;
  if (status === undefined) return false;
  return status >= 400 && status < 500 && status !== 429 && status !== 408;
}
