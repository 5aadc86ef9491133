/**
 * The value rules of superjson's format, in superjson's order: what a value is written as, the
 * annotation that says so, and how the annotation is read back. Registered classes come first,
 * then typed arrays, then the simple kinds.
 */
import type { ClassRegistry } from "./class-registry.js";
import { SuperjsonFormatError } from "./format-error.js";

/** An annotation: a simple kind (`"Date"`, `"map"`, …) or `[kind, identifier]` (`["class", "Money"]`). */
export type TypeAnnotation = string | [string, string];

/** A value written as another value, with the annotation to read it back. */
export interface Transformed {
  value: unknown;
  type: TypeAnnotation;
}

// Only these read back (by constructor name); a Buffer or a BigInt64Array is written but cannot be read.
const TYPED_ARRAYS: Record<string, new (values: number[]) => unknown> = {
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  Uint8ClampedArray,
};

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** True for a typed array the format can read back (one of the nine above, not a subclass). */
export const isReadableTypedArray = (value: ArrayBufferView): boolean =>
  hasOwn(TYPED_ARRAYS, value.constructor.name) && TYPED_ARRAYS[value.constructor.name] === value.constructor;

export const isTypedArray = (value: unknown): value is ArrayBufferView & Iterable<unknown> => ArrayBuffer.isView(value) && !(value instanceof DataView);

/** The constructor of `value` when it is registered (superjson looks at `value.constructor`). */
export function registeredClassOf(value: unknown, classes: ClassRegistry): string | undefined {
  const ctor: unknown = (value as { constructor?: unknown } | null | undefined)?.constructor;
  return ctor ? classes.identifierOf(ctor) : undefined;
}

const isNegativeZero = (v: unknown): boolean => v === 0 && 1 / v === -Infinity;

/** How superjson writes `value`, or undefined when it writes it as itself. */
export function transform(value: unknown, classes: ClassRegistry): Transformed | undefined {
  const identifier = registeredClassOf(value, classes);
  // Own enumerable properties, read back onto the class's prototype (superjson's `{ ...instance }`).
  if (identifier !== undefined) return { value: { ...(value as object) }, type: ["class", identifier] };
  if (isTypedArray(value)) return { value: [...value], type: ["typed-array", value.constructor.name] };
  switch (typeof value) {
    case "undefined":
      return { value: null, type: "undefined" };
    case "bigint":
      return { value: value.toString(), type: "bigint" };
    case "number":
      if (Number.isNaN(value)) return { value: "NaN", type: "number" };
      if (value === Infinity || value === -Infinity) return { value: value > 0 ? "Infinity" : "-Infinity", type: "number" };
      return isNegativeZero(value) ? { value: "-0", type: "number" } : undefined;
  }
  // An invalid Date has no rule: it is written as itself, which JSON turns into null.
  if (value instanceof Date) return Number.isNaN(value.valueOf()) ? undefined : { value: value.toISOString(), type: "Date" };
  if (value instanceof Error) {
    // Only name, message and cause; it reads back as a plain Error.
    const base: Record<string, unknown> = { name: value.name, message: value.message };
    if ("cause" in value) base.cause = value.cause;
    return { value: base, type: "Error" };
  }
  if (value instanceof RegExp) return { value: String(value), type: "regexp" };
  if (value instanceof Set) return { value: [...value.values()], type: "set" };
  if (value instanceof Map) return { value: [...value.entries()], type: "map" };
  if (value instanceof URL) return { value: value.toString(), type: "URL" };
  return undefined;
}

/** Reads back a value written under `type`. */
export function untransform(json: unknown, type: TypeAnnotation, classes: ClassRegistry): unknown {
  if (Array.isArray(type)) {
    const [kind, name] = type;
    if (kind === "class") {
      const cls = classes.classOf(name);
      if (cls === undefined) throw unreadable(kind, `${name} (not registered)`);
      return Object.assign(Object.create(cls.prototype as object) as object, json);
    }
    if (kind === "typed-array") {
      if (!hasOwn(TYPED_ARRAYS, name)) throw unreadable(kind, name);
      return new TYPED_ARRAYS[name]!(json as number[]);
    }
    // Symbols and custom transformers need registrations this SDK does not offer.
    const registrable = kind === "symbol" || kind === "custom";
    throw unreadable(registrable ? kind : "annotation", registrable ? name : `${kind} ${name}`);
  }
  const v = json as string;
  switch (type) {
    case "undefined":
      return undefined;
    case "bigint":
      return BigInt(v);
    case "Date":
      return new Date(v);
    case "Error":
      return readError(json as { name?: unknown; message?: string; cause?: unknown; stack?: string });
    case "regexp":
      return new RegExp(v.slice(1, v.lastIndexOf("/")), v.slice(v.lastIndexOf("/") + 1));
    case "set":
      return new Set(json as unknown[]);
    case "map":
      return new Map(json as [unknown, unknown][]);
    case "number":
      return Number(v);
    case "URL":
      return new URL(v);
  }
  throw unreadable("annotation", type);
}

function readError(v: { name?: unknown; message?: string; cause?: unknown; stack?: string }): Error {
  // As superjson does: `cause` is always an own property, and so is `name`; `stack` is not written.
  const error = new Error(v.message, { cause: v.cause });
  (error as { name: unknown }).name = v.name;
  error.stack = v.stack;
  return error;
}

/** E.g. `Cannot read class Money (not registered) from the payload`. */
function unreadable(kind: string, what: string): SuperjsonFormatError {
  return new SuperjsonFormatError(kind, `Cannot read ${kind} ${what} from the payload`);
}
