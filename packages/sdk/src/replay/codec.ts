import { PayloadTooLargeError } from "../errors/index.js";
import { defaultSerdes, deserializeValue, serializeValue, utf8ByteLength, type Deserializer, type Serdes, type SerdesContext } from "../serdes/index.js";

/**
 * Payloads in and out of checkpoints, synchronously where the default serdes allows it.
 *
 * The default serdes writes a JSON-native value as plain `JSON.stringify(value)` and reads any
 * payload that is not its `$sj` envelope with `JSON.parse` (serdes/default-serdes.ts). For those
 * values the engine does the same here without a promise: most step results are numbers, strings
 * or small plain objects, and every promise on the per-operation path costs Node's async hooks.
 * Anything else (a custom serdes, Dates, Maps, class instances, an envelope) takes the serdes's
 * own asynchronous path, so what is written and read is byte-for-byte the same either way.
 */

/** Reads a stored payload: the value, or a promise of it when the serdes must run. */
export function decodePayload<T>(serdes: Deserializer<T>, payload: string | undefined, context: () => SerdesContext): T | Promise<T> {
  if (serdes === defaultSerdes) {
    if (payload === undefined || payload === "") return undefined as T;
    const parsed = parseJson(payload);
    if (parsed !== NOT_PLAIN) return parsed as T;
  }
  return deserializeValue(serdes, payload, context()) as Promise<T>;
}

/** A value as the checkpoint stores it (`payload`) and as user code gets it back (`value`). */
export interface Encoded<T> {
  payload: string | undefined;
  value: T;
}

/**
 * Serializes a value for a checkpoint and returns both the payload and the value user code gets:
 * `deserialize(serialize(v))`, so the first run sees exactly what a replay will see. A primitive
 * comes back as itself; a plain JSON object as its parsed copy (as a replay would build it).
 */
export function encodePayload<T>(serdes: Serdes<T>, value: T, context: () => SerdesContext): Encoded<T> | Promise<Encoded<T>> {
  if (serdes === defaultSerdes) {
    if (value === undefined) return { payload: undefined, value };
    if (value === null || typeof value === "string" || typeof value === "boolean") return { payload: JSON.stringify(value), value };
    if (typeof value === "number" && Number.isFinite(value) && !Object.is(value, -0)) return { payload: JSON.stringify(value), value };
    if (typeof value === "object" && isPlainJson(value, 0)) {
      const payload = JSON.stringify(value);
      return { payload, value: JSON.parse(payload) as T };
    }
  }
  return roundTrip(serdes, value, context());
}

/**
 * The default serdes's payload for a plain JSON value, computed without it (`JSON.stringify`), or
 * `undefined` when `serdes` is another one or the value needs it: then call the serdes itself. For
 * serdes that wrap the default one (a batch result's data form).
 */
export function plainPayload(serdes: Serdes<unknown>, value: unknown): { payload: string | undefined } | undefined {
  if (serdes !== defaultSerdes) return undefined;
  if (value === undefined) return { payload: undefined };
  return isPlainJson(value, 0) ? { payload: JSON.stringify(value) } : undefined;
}

async function roundTrip<T>(serdes: Serdes<T>, value: T, context: SerdesContext): Promise<Encoded<T>> {
  const payload = await serializeValue(serdes, value, context);
  return { payload, value: (await deserializeValue(serdes, payload, context)) as T };
}

const NOT_PLAIN = Symbol("not plain JSON");

/** `JSON.parse(payload)`, or NOT_PLAIN for the `$sj` envelope or bad JSON (the serdes then reads it and reports). */
function parseJson(payload: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return NOT_PLAIN;
  }
  if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) && Object.prototype.hasOwnProperty.call(parsed, "$sj")) {
    return NOT_PLAIN;
  }
  return parsed;
}

/** Deep enough for real results, shallow enough to bound the walk; deeper values take the serdes's path. */
const MAX_DEPTH = 32;

/**
 * True when `JSON.parse(JSON.stringify(value))` deep-equals `value` and the default serdes would
 * write it as plain JSON: null, booleans, strings, finite numbers other than -0, dense arrays and
 * plain objects without a `$sj` key or symbol keys. A cycle exceeds the depth bound.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== "object" || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainJson(value[i], depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  if (Object.getOwnPropertySymbols(value).length > 0 || Object.prototype.hasOwnProperty.call(value, "$sj")) return false;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** Throws a terminal `PayloadTooLargeError` when `payload` is over `limitBytes`. */
export function assertPayloadFits(payload: string | undefined, limitBytes: number, operation: string | (() => string)): void {
  if (payload === undefined) return;
  // A UTF-16 length at most a third of the limit cannot exceed it in UTF-8: skip the byte count.
  if (payload.length * 3 <= limitBytes) return;
  const sizeBytes = utf8ByteLength(payload);
  if (sizeBytes > limitBytes) throw new PayloadTooLargeError({ operation: typeof operation === "string" ? operation : operation(), sizeBytes, limitBytes });
}
