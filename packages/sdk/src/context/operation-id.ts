import { createHash } from "node:crypto";

/**
 * Wire Id of a positional raw id, exactly as the official JS SDK derives it (protocol §5):
 * the first 16 hex chars of md5(rawId). Executions started by either SDK can be continued by the other.
 */
export function hashOperationId(rawId: string): string {
  return createHash("md5").update(rawId).digest("hex").slice(0, 16);
}

/** Raw id of the n-th (1-based) operation inside the context whose raw id is `prefix` ("" at top level). */
export function childRawId(prefix: string, counter: number): string {
  return prefix === "" ? String(counter) : `${prefix}-${counter}`;
}
