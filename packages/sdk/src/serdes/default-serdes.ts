import SuperJSON from "superjson";
import type { SuperJSONResult } from "superjson";
import { SerdesError } from "../errors/serdes-error.js";
import type { Serdes, SerdesContext } from "./serdes.js";

/** Key of the envelope that marks a payload needing type metadata. */
const ENVELOPE_KEY = "$sj";
/** Version of the envelope format written; a missing `v` is read as 1. */
const ENVELOPE_VERSION = 1;

interface Envelope {
  json?: SuperJSONResult["json"];
  meta?: SuperJSONResult["meta"];
  v?: number;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** True when some object in `value` has an own `$sj` key (so plain JSON would be ambiguous). */
function containsEnvelopeKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsEnvelopeKey);
  if (!isPlainObject(value)) return false;
  if (Object.prototype.hasOwnProperty.call(value, ENVELOPE_KEY)) return true;
  return Object.values(value).some(containsEnvelopeKey);
}

function isEnvelope(parsed: unknown): parsed is { [ENVELOPE_KEY]: Envelope } {
  if (!isPlainObject(parsed)) return false;
  const keys = Object.keys(parsed);
  return keys.length === 1 && keys[0] === ENVELOPE_KEY && isPlainObject(parsed[ENVELOPE_KEY]);
}

function operationOf(context: SerdesContext): string {
  return context.operationName ?? context.operationId;
}

/**
 * A serdes on superjson, with the given instance (register custom classes on
 * it). See {@link defaultSerdes} for the format.
 */
export function createSuperJsonSerdes(instance: SuperJSON = new SuperJSON()): Serdes<any> {
  return {
    async serialize(value: unknown): Promise<string | undefined> {
      if (value === undefined) return undefined;
      const result = instance.serialize(value as never);
      if (result.meta === undefined && !containsEnvelopeKey(value)) return JSON.stringify(value);
      const envelope: Envelope = { json: result.json, meta: result.meta, v: ENVELOPE_VERSION };
      return JSON.stringify({ [ENVELOPE_KEY]: envelope });
    },
    async deserialize(data: string | undefined, context: SerdesContext): Promise<any> {
      if (data === undefined || data === "") return undefined;
      const parsed: unknown = JSON.parse(data);
      if (!isEnvelope(parsed)) return parsed;
      const { json, meta, v = 1 } = parsed[ENVELOPE_KEY];
      if (v > ENVELOPE_VERSION) {
        throw new SerdesError({
          direction: "deserialize",
          retryable: false,
          operation: operationOf(context),
          message: `Payload of ${JSON.stringify(operationOf(context))} uses format version ${v}; ` +
            `this SDK reads up to version ${ENVELOPE_VERSION}`,
        });
      }
      return instance.deserialize({ json: json ?? null, meta } as SuperJSONResult);
    },
  };
}

/**
 * The default serdes for step results, child-context results, map/parallel
 * results and condition state, built on superjson.
 *
 * - `undefined` is written as no payload; no payload (or `""`) reads as `undefined`.
 * - A JSON-native value is written as plain `JSON.stringify(value)`, exactly
 *   what JSON (and the official SDK) would write.
 * - A value needing type metadata (Date, Map, Set, BigInt, RegExp, NaN,
 *   Infinity, -0, `undefined` fields, shared references) or containing an
 *   object with an own `$sj` key is written as
 *   `{"$sj":{"json":…,"meta":…,"v":1}}`.
 *
 * Law: `deserialize(serialize(v))` deep-equals `v`.
 */
export const defaultSerdes: Serdes<any> = createSuperJsonSerdes();
