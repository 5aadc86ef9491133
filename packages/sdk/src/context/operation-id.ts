import { createHash } from "node:crypto";

/**
 * Wire ids computed recently, by raw id. A warm Lambda replays the same positions on every
 * invocation of an execution (and `isReplaying` asks for the next position before the claim takes
 * it), so most md5s would be computed again. Bounded: emptied when full, so memory stays ~2 MB.
 */
const recent = new Map<string, string>();
const RECENT_LIMIT = 20_000;

/**
 * Wire Id of a positional raw id, exactly as the official JS SDK derives it (protocol §5):
 * the first 16 hex chars of md5(rawId). Executions started by either SDK can be continued by the other.
 */
export function hashOperationId(rawId: string): string {
  let id = recent.get(rawId);
  if (id === undefined) {
    id = createHash("md5").update(rawId).digest("hex").slice(0, 16);
    if (recent.size >= RECENT_LIMIT) recent.clear();
    recent.set(rawId, id);
  }
  return id;
}

/** Raw id of the n-th (1-based) operation inside the context whose raw id is `prefix` ("" at top level). */
export function childRawId(prefix: string, counter: number): string {
  return prefix === "" ? String(counter) : `${prefix}-${counter}`;
}
