import { defaultSerdes, type Deserializer, type Serdes, type SerdesContext } from "@durable-ts/sdk";
import type { S3PayloadStore } from "./s3-payload-store.js";

/**
 * A serdes that serializes with `inner` (default: the SDK's `defaultSerdes`), keeps payloads up to
 * the store's threshold inline, and stores larger ones in S3, checkpointing a reference with the
 * content hash and a short preview. Reads fetch and verify referenced payloads.
 *
 * Use it as the execution's default serdes (`durableExecution(fn, { serdes })`): it then applies to
 * step results, child context results, map items, parallel branches and wait-for-condition states.
 *
 * Law: `deserialize(await serialize(v))` equals `v` whenever `inner` satisfies it.
 */
export function s3Serdes<T = unknown>(store: S3PayloadStore, inner: Serdes<T> = defaultSerdes as Serdes<T>): Serdes<T> {
  return {
    async serialize(value: T | undefined, context: SerdesContext) {
      const payload = await inner.serialize(value, context);
      if (payload === undefined) return undefined;
      return store.offload(payload, { durableExecutionArn: context.durableExecutionArn, operationId: context.operationId });
    },
    async deserialize(data: string | undefined, context: SerdesContext) {
      return inner.deserialize(await store.resolve(data, context.operationName ?? context.operationId), context);
    },
  };
}

/**
 * A callback deserializer that accepts results a sender offloaded with `store.offload(...)` (and
 * inline results as they are), then hands the payload to `inner` (default: the raw string).
 */
export function s3CallbackDeserializer<T = string>(store: S3PayloadStore, inner?: Deserializer<T>): Deserializer<T> {
  return {
    async deserialize(data: string | undefined, context: SerdesContext) {
      const payload = await store.resolve(data, context.operationName ?? context.operationId);
      return inner !== undefined ? inner.deserialize(payload, context) : (payload as T | undefined);
    },
  };
}
