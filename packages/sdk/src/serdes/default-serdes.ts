import { SerdesError } from "../errors/index.js";
import { ClassRegistry, deserialize, serialize, type RegisteredClass, type SuperjsonResult } from "../superjson-format/index.js";
import type { Serdes, SerdesContext } from "./serdes.js";
import { assertCheckpointable } from "./checkpointable.js";

/** Key of the envelope that marks a payload needing type metadata. */
const ENVELOPE_KEY = "$sj";
/** Version of the envelope format written; a missing `v` is read as 1. */
const ENVELOPE_VERSION = 1;

interface Envelope {
  json?: SuperjsonResult["json"];
  meta?: SuperjsonResult["meta"];
  v?: number;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/**
 * True when `JSON.stringify(value)` gives `value` back exactly: only null, booleans, strings,
 * finite numbers other than -0, dense arrays and plain objects (no `$sj` key, no symbol keys, no
 * cycles). With `shared` false an object reached twice also fails: superjson records shared
 * references, so only then is the plain JSON text exactly what the envelope format writes.
 */
function isJsonExact(value: unknown, shared: boolean, seen: Set<object> = new Set()): boolean {
  if (value === null || typeof value === "boolean" || typeof value === "string") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== "object" || seen.has(value)) return false;
  seen.add(value);
  const exact = Array.isArray(value) ? isExactArray(value, shared, seen) : isExactObject(value, shared, seen);
  // Allowing shared references, `seen` holds only the ancestors (a cycle still fails).
  if (shared) seen.delete(value);
  return exact;
}

function isExactArray(value: unknown[], shared: boolean, seen: Set<object>): boolean {
  if (Object.getPrototypeOf(value) !== Array.prototype) return false;
  for (let i = 0; i < value.length; i++) if (!(i in value) || !isJsonExact(value[i], shared, seen)) return false;
  return true;
}

function isExactObject(value: object, shared: boolean, seen: Set<object>): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || Object.getOwnPropertySymbols(value).length > 0) return false;
  if (Object.prototype.hasOwnProperty.call(value, ENVELOPE_KEY)) return false;
  for (const entry of Object.values(value)) if (!isJsonExact(entry, shared, seen)) return false;
  return true;
}

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

/** Reads a payload: plain JSON, or the `$sj` envelope with the classes registered in `classes`. */
function decodeWith(classes: ClassRegistry, data: string | undefined, operation?: string): unknown {
  if (data === undefined || data === "") return undefined;
  const parsed: unknown = JSON.parse(data);
  if (!isEnvelope(parsed)) return parsed;
  const { json, meta, v = 1 } = parsed[ENVELOPE_KEY];
  if (v > ENVELOPE_VERSION) {
    const what = operation !== undefined ? `Payload of ${JSON.stringify(operation)}` : "Payload";
    throw new SerdesError({
      direction: "deserialize",
      retryable: false,
      operation,
      message: `${what} uses format version ${v}; this SDK reads up to version ${ENVELOPE_VERSION}`,
    });
  }
  return deserialize({ json: json ?? null, meta }, classes);
}

/**
 * A serdes writing superjson's format (see {@link defaultSerdes}) with the classes registered in
 * `classes`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Serdes<T> is invariant: a serdes for every value type
export function createFormatSerdes(classes: ClassRegistry): Serdes<any> {
  return {
    async serialize(value: unknown): Promise<string | undefined> {
      if (value === undefined) return undefined;
      // Plain JSON is written as itself: the same text the envelope format leads to, without its walk.
      if (isJsonExact(value, false)) return JSON.stringify(value);
      // Refuse what would come back different (functions, symbols, unregistered classes) instead of losing it.
      assertCheckpointable(value, classes);
      let result: SuperjsonResult;
      try {
        result = serialize(value, classes);
      } catch (error) {
        // The format refuses keys named __proto__, constructor and prototype;
        // plain JSON can still carry them when nothing needs metadata.
        if (isJsonExact(value, true)) return JSON.stringify(value);
        throw error;
      }
      if (result.meta === undefined && !containsEnvelopeKey(value)) return JSON.stringify(value);
      const envelope: Envelope = { json: result.json, meta: result.meta, v: ENVELOPE_VERSION };
      return JSON.stringify({ [ENVELOPE_KEY]: envelope });
    },
    async deserialize(data: string | undefined, context: SerdesContext): Promise<unknown> {
      return decodeWith(classes, data, operationOf(context));
    },
  };
}

// The default serdes's own registry: classes registered with registerSerdesClass.
const defaultClasses = new ClassRegistry();

/**
 * The default serdes for step results, child-context results, map/parallel
 * results and condition state. It writes superjson's format (with our own
 * codec; superjson itself is not a dependency).
 *
 * - `undefined` is written as no payload; no payload (or `""`) reads as `undefined`.
 * - A JSON-native value is written as plain `JSON.stringify(value)`, exactly
 *   what JSON (and the official SDK) would write.
 * - A value needing type metadata (Date, Map, Set, BigInt, RegExp, URL,
 *   typed arrays, Error, NaN, Infinity, -0, `undefined` fields, shared or
 *   circular references, registered classes) or containing an object with an
 *   own `$sj` key is written as `{"$sj":{"json":…,"meta":…,"v":1}}`, where
 *   `json` and `meta` are exactly what superjson 2 writes.
 * - An `Error` keeps only `name`, `message` and `cause` (superjson's rule):
 *   it reads back as a plain `Error`.
 * - A function, a symbol, an instance of an unregistered class, an invalid
 *   Date, a `DataView`, a `Buffer` or another typed array superjson cannot
 *   read back, or a float array holding NaN, Infinity or -0 fails with a
 *   non-retryable `SerdesError` naming its path.
 *
 * Law: `deserialize(serialize(v))` deep-equals `v`, except for Errors (above),
 * objects without a prototype (read back as ordinary objects) and objects
 * shared from inside a Set or a Map key (superjson's reader, which old
 * histories need, can misplace them; docs/concepts.md). Limitation
 * (from superjson's format): a value with a key named `__proto__`,
 * `constructor` or `prototype` is accepted only when it is plain JSON;
 * otherwise serializing it fails.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Serdes<T> is invariant: the default serdes serves every value type
export const defaultSerdes: Serdes<any> = createFormatSerdes(defaultClasses);

/**
 * Lets instances of `cls` go through the default serdes and come back as `cls` (its prototype and
 * methods; own fields are serialized, the constructor is not called). Register before the handler
 * runs, under a name that stays the same across deployments (default: the class name, which a
 * minifier may change). Without registration a class instance fails the operation with a
 * `SerdesError` naming where it is in the value.
 * @example
 * class Money { constructor(public cents = 0) {} add(o: Money) { return new Money(this.cents + o.cents); } }
 * registerSerdesClass(Money, "Money");
 * const total = await context.step("total", async () => new Money(500)); // a Money, live and on replay
 */
export function registerSerdesClass(cls: abstract new (...args: never[]) => unknown, identifier?: string): void {
  defaultClasses.register(cls as RegisteredClass, identifier || cls.name);
}

/**
 * Synchronous read of a payload written by {@link defaultSerdes}, for tools
 * that decode checkpoints outside a handler (test results, fixtures). No
 * payload (or `""`) gives `undefined`.
 *
 * @throws SyntaxError when `data` is not JSON; `SerdesError` for an envelope
 *   of a newer format version; an error named `SuperjsonFormatError` (its
 *   `kind` says what) for an envelope naming an unregistered class, a symbol,
 *   a custom transformer or an unknown annotation.
 */
export function decodeDefaultPayloadSync(data: string | undefined): unknown {
  return decodeWith(defaultClasses, data);
}
