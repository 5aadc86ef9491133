import { SerdesError, type SerdesDirection } from "../errors/index.js";
import type { Deserializer, Serdes, SerdesContext } from "./serdes.js";

/** UTF-8 size of `s` in bytes, as the service measures payloads. */
export function utf8ByteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

function wrap(error: unknown, direction: SerdesDirection, context: SerdesContext): SerdesError {
  // Only the serdes itself can say a failure is transient.
  const retryable =
    typeof error === "object" && error !== null && (error as { name?: unknown }).name === "SerdesError" && (error as { retryable?: unknown }).retryable === true;
  const path = typeof error === "object" && error !== null && typeof (error as { path?: unknown }).path === "string" ? (error as { path: string }).path : undefined;
  return new SerdesError({ direction, retryable, operation: context.operationName ?? context.operationId, path, cause: error });
}

/**
 * `serdes.serialize(value, context)`, with any failure (throw or rejection)
 * turned into a `SerdesError` for this operation. It is retryable only when
 * the serdes threw a `SerdesError` with `retryable: true`; the original
 * error is the `cause`.
 */
export async function serializeValue<T>(serdes: Serdes<T>, value: T | undefined, context: SerdesContext): Promise<string | undefined> {
  try {
    return await serdes.serialize(value, context);
  } catch (error) {
    throw wrap(error, "serialize", context);
  }
}

/** `serdes.deserialize(data, context)`, with failures wrapped as in {@link serializeValue}. */
export async function deserializeValue<T>(serdes: Deserializer<T>, data: string | undefined, context: SerdesContext): Promise<T | undefined> {
  try {
    return await serdes.deserialize(data, context);
  } catch (error) {
    throw wrap(error, "deserialize", context);
  }
}
