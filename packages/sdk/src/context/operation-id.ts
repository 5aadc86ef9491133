import * as crypto from "node:crypto";

/**
 * Wire ids computed recently, by raw id. A warm Lambda replays the same positions on every
 * invocation of an execution (and `isReplaying` asks for the next position before the claim takes
 * it), so most md5s would be computed again. Bounded: emptied when full, so memory stays ~2 MB.
 */
const recent = new Map<string, string>();

/** md5 hex of a string: Node's one-shot `crypto.hash` where it exists (Node ≥ 20.12), cheaper than a Hash object per id. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;
const md5Hex: (data: string) => string = oneShot ? (data) => oneShot("md5", data, "hex") : (data) => crypto.createHash("md5").update(data).digest("hex");
const RECENT_LIMIT = 20_000;

/**
 * Wire Id of a positional raw id, exactly as the official JS SDK derives it (protocol §5):
 * the first 16 hex chars of md5(rawId). Executions started by either SDK can be continued by the other.
 */
export function hashOperationId(rawId: string): string {
  let id = recent.get(rawId);
  if (id === undefined) {
    id = md5Hex(rawId).slice(0, 16);
    if (recent.size >= RECENT_LIMIT) recent.clear();
    recent.set(rawId, id);
  }
  return id;
}

/** Raw id of the n-th (1-based) operation inside the context whose raw id is `prefix` ("" at top level). */
export function childRawId(prefix: string, counter: number): string {
  return prefix === "" ? String(counter) : `${prefix}-${counter}`;
}
