import { decodeReference, isPayloadReference, type PayloadReference } from "./payload-reference.js";
import type { S3PayloadStore } from "./s3-payload-store.js";

/**
 * Returns `result` as it is when its JSON is small, else stores the JSON in S3 and returns the
 * reference object, for a handler whose result would exceed what the execution may return. The key
 * is `<prefix><execution>/result-<hash>`; the write is idempotent, so a replay writes the same object.
 *
 * @example
 * return offloadResult(store, context.executionArn, report);
 */
export async function offloadResult<T>(store: S3PayloadStore, durableExecutionArn: string, result: T): Promise<T | PayloadReference> {
  const json = JSON.stringify(result);
  if (json === undefined || !store.shouldOffload(json)) return result;
  return store.put(json, { durableExecutionArn, operationId: "result" });
}

/** For callers: the value of an execution result that may be an offloaded reference. */
export async function readResult<T>(store: S3PayloadStore, result: unknown): Promise<T> {
  if (typeof result === "string" && decodeReference(result) !== undefined) return JSON.parse((await store.resolve(result))!) as T;
  if (isPayloadReference(result)) return JSON.parse(await store.get(result)) as T;
  return result as T;
}
