import type { ErrorObject } from "@aws-sdk/client-lambda";
import { isDeepStrictEqual } from "node:util";
import { deserialize, serialize, type SuperjsonResult } from "../superjson-format/index.js";
import { findSdkErrorClass, type ErrorClass } from "./error-class-registry.js";
import { stackHeader, truncateErrorObject } from "./error-truncate.js";

/** Options of {@link errorToErrorObject}. */
export interface ErrorToErrorObjectOptions {
  /** Record `StackTrace` (default true). */
  stackTraces?: boolean;
  /** Limit on the UTF-8 JSON size of the result (default 32,768). */
  maxBytes?: number;
}

/** Default limit on a recorded error: what the service's emulators accept. */
export const DEFAULT_MAX_ERROR_OBJECT_BYTES = 32_768;
/** How many `cause` links are recorded below the top error. */
export const MAX_ERROR_CAUSE_DEPTH = 8;

/**
 * What `ErrorData` holds when more than the user's `errorData` must be kept.
 * `durableError` is the format version; readers accept older versions.
 */
interface ErrorEnvelope {
  durableError: 1;
  /** The error's own `errorData` string. */
  data?: string;
  /** Own enumerable properties, in superjson's format. */
  props?: SuperjsonResult;
  /** The recorded `cause`. */
  cause?: ErrorObject;
  /** The recorded `errors` of an `AggregateError`. */
  errors?: ErrorObject[];
  /** A thrown value that is not an `Error`, in superjson's format. */
  thrown?: SuperjsonResult;
}

// A restored error that stands for a thrown non-Error value keeps the value
// under this key, so recording it again gives the same ErrorObject. A shared
// registry symbol works across copies of the SDK.
const THROWN_VALUE = Symbol.for("durable-ts.thrownValue");

const BUILTIN_CLASSES: readonly ErrorClass[] = [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError, AggregateError];

// Properties recorded in their own ErrorObject fields, not as props.
const RESERVED_KEYS = new Set(["name", "message", "stack", "cause"]);

const hasOwn = (o: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(o, key);

function isError(value: unknown): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === "[object Error]";
}

function defineHidden(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

function defineVisible(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: true });
}

function trySerialize(value: unknown): SuperjsonResult | undefined {
  try {
    return serialize(value);
  } catch {
    // the format refuses keys named __proto__, constructor and prototype; a value that is plain
    // JSON can still be kept as its JSON part (no metadata needed to read it back).
    return jsonOnly(value);
  }
}

function jsonOnly(value: unknown): SuperjsonResult | undefined {
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return undefined;
    const json = JSON.parse(text) as SuperjsonResult["json"];
    return isDeepStrictEqual(json, value) ? { json } : undefined;
  } catch {
    return undefined;
  }
}

/** Own enumerable props, in superjson's format; keys that cannot be serialized are left out. */
function serializeProps(error: Error, skip: ReadonlySet<string>): SuperjsonResult | undefined {
  const props: Record<string, unknown> = {};
  let any = false;
  for (const key of Object.keys(error)) {
    if (RESERVED_KEYS.has(key) || skip.has(key)) continue;
    try {
      props[key] = Reflect.get(error, key);
      any = true;
    } catch {
      // a throwing getter: leave the property out
    }
  }
  if (!any) return undefined;
  const whole = trySerialize(props);
  if (whole !== undefined) return whole;
  for (const key of Object.keys(props)) {
    if (trySerialize({ [key]: props[key] }) === undefined) delete props[key];
  }
  return Object.keys(props).length > 0 ? trySerialize(props) : undefined;
}

function describeThrown(value: unknown, serialized: SuperjsonResult | undefined): string {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null) {
    try {
      // The format's JSON part also covers BigInt, Map, Set and cycles.
      const json = JSON.stringify(serialized !== undefined ? serialized.json : value);
      if (typeof json === "string") return json;
    } catch {
      // fall through to String()
    }
  }
  return String(value);
}

function recordThrown(value: unknown, message?: string): ErrorObject {
  const thrown = trySerialize(value);
  const out: ErrorObject = { ErrorType: "Error", ErrorMessage: message ?? describeThrown(value, thrown) };
  if (thrown !== undefined) out.ErrorData = JSON.stringify({ durableError: 1, thrown } satisfies ErrorEnvelope);
  return out;
}

function record(value: unknown, stackTraces: boolean, depth: number, ancestors: Set<object>): ErrorObject {
  if (!isError(value)) return recordThrown(value);
  if (hasOwn(value, THROWN_VALUE)) {
    return recordThrown(Reflect.get(value, THROWN_VALUE), value.message);
  }
  const name = typeof value.name === "string" ? value.name : "Error";
  const message = typeof value.message === "string" ? value.message : String(value.message);
  const out: ErrorObject = { ErrorType: name, ErrorMessage: message };
  if (stackTraces && typeof value.stack === "string" && value.stack !== stackHeader(name, message)) {
    out.StackTrace = value.stack.split("\n");
  }

  const envelope: ErrorEnvelope = { durableError: 1 };
  const errorData: unknown = hasOwn(value, "errorData") ? (value as { errorData?: unknown }).errorData : undefined;
  const dataIsString = typeof errorData === "string";
  if (dataIsString) envelope.data = errorData;
  let more = false;

  const props = serializeProps(value, dataIsString ? new Set(["errorData"]) : new Set());
  if (props !== undefined) {
    envelope.props = props;
    more = true;
  }
  ancestors.add(value);
  if (depth < MAX_ERROR_CAUSE_DEPTH) {
    const cause: unknown = hasOwn(value, "cause") ? value.cause : undefined;
    // A cycle is cut where it closes: the repeated error is left out.
    if (cause !== undefined && !(typeof cause === "object" && cause !== null && ancestors.has(cause))) {
      envelope.cause = record(cause, stackTraces, depth + 1, ancestors);
      more = true;
    }
    // AggregateError keeps `errors` as a non-enumerable own property.
    const errors: unknown = hasOwn(value, "errors") && !Object.prototype.propertyIsEnumerable.call(value, "errors") ? (value as { errors?: unknown }).errors : undefined;
    if (Array.isArray(errors)) {
      envelope.errors = errors.filter((e) => !(typeof e === "object" && e !== null && ancestors.has(e))).map((e) => record(e, stackTraces, depth + 1, ancestors));
      more = true;
    }
  }
  ancestors.delete(value);

  if (more) out.ErrorData = JSON.stringify(envelope);
  else if (dataIsString) out.ErrorData = errorData;
  return out;
}

/**
 * Records any thrown value as an `ErrorObject`, losslessly where possible
 * (api.md §5):
 * - `ErrorType` = `name`, `ErrorMessage` = `message`, `StackTrace` = the
 *   stack's lines (unless `stackTraces` is false);
 * - `ErrorData` = the error's own `errorData` string verbatim when nothing
 *   more must be kept; otherwise `{"durableError":1, data?, props?, cause?}`
 *   with own enumerable properties (in superjson's format) and the `cause` chain
 *   (up to {@link MAX_ERROR_CAUSE_DEPTH} links, cycles cut);
 * - a thrown non-Error value becomes ErrorType `"Error"` whose message is the
 *   string (or its JSON), and the value itself is kept for restoring.
 *
 * The result is at most `maxBytes` of UTF-8 JSON: StackTrace lines go first,
 * then ErrorData, then the message is cut. It never throws.
 */
export function errorToErrorObject(error: unknown, options?: ErrorToErrorObjectOptions): ErrorObject {
  const maxBytes = options?.maxBytes ?? DEFAULT_MAX_ERROR_OBJECT_BYTES;
  let obj: ErrorObject;
  try {
    obj = record(error, options?.stackTraces ?? true, 0, new Set());
  } catch {
    // A hostile getter or proxy: keep what can be read safely.
    obj = { ErrorType: "Error", ErrorMessage: "The thrown value could not be recorded" };
  }
  return truncateErrorObject(obj, maxBytes);
}

function parseEnvelope(data: string | undefined): ErrorEnvelope | undefined {
  if (data === undefined || !data.startsWith("{")) return undefined;
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed === "object" && parsed !== null && (parsed as { durableError?: unknown }).durableError === 1) {
      return parsed as ErrorEnvelope;
    }
  } catch {
    // not JSON: foreign ErrorData
  }
  return undefined;
}

function findClass(type: string, classes: readonly ErrorClass[]): ErrorClass {
  const registered = classes.find((c) => c.name === type || (hasOwn(c.prototype, "name") && (c.prototype as Error).name === type));
  return registered ?? findSdkErrorClass(type) ?? BUILTIN_CLASSES.find((c) => c.name === type) ?? Error;
}

function restore(obj: ErrorObject, classes: readonly ErrorClass[], depth: number): unknown {
  const envelope = parseEnvelope(obj.ErrorData);
  // In cause position a thrown non-Error value comes back as itself.
  if (depth > 0 && envelope?.thrown !== undefined) return deserialize(envelope.thrown);

  const type = obj.ErrorType ?? "Error";
  const message = obj.ErrorMessage ?? "";
  const cls = findClass(type, classes);
  // No constructor call: constructors have side effects and other signatures.
  const error = Object.create(cls.prototype) as Error;
  // A name that differs from the prototype's is usually set by `this.name = …`
  // in the constructor, which makes an own enumerable property.
  if (error.name !== type) defineVisible(error, "name", type);
  defineHidden(error, "message", message);
  const lines = obj.StackTrace ?? [];
  defineHidden(error, "stack", lines.length > 0 ? lines.join("\n") : stackHeader(type, message));
  if (lines.length > 0 && "errorType" in cls.prototype) defineHidden(error, "stackTrace", [...lines]);

  if (envelope === undefined) {
    if (obj.ErrorData !== undefined) defineVisible(error, "errorData", obj.ErrorData);
    return error;
  }
  if (envelope.data !== undefined) defineVisible(error, "errorData", envelope.data);
  if (envelope.props !== undefined) {
    const props = deserialize(envelope.props) as Record<string, unknown>;
    for (const [key, value] of Object.entries(props)) defineVisible(error, key, value);
  }
  if (envelope.cause !== undefined) defineHidden(error, "cause", restore(envelope.cause, classes, depth + 1));
  if (envelope.errors !== undefined) {
    defineHidden(
      error,
      "errors",
      envelope.errors.map((e) => restore(e, classes, depth + 1)),
    );
  }
  if (envelope.thrown !== undefined) defineHidden(error, THROWN_VALUE, deserialize(envelope.thrown));
  return error;
}

/**
 * Restores an error recorded by {@link errorToErrorObject} (or by any other
 * writer of `ErrorObject`s).
 *
 * The class is looked up by `ErrorType` among `classes` (user-registered,
 * matched by class name), the SDK's error classes and JavaScript's built-in
 * errors; an unknown name gives a plain `Error` with that `name`. The
 * instance is created from the class prototype without calling the
 * constructor; name, message, stack (StackTrace joined, or a one-line
 * synthetic stack), properties, `cause` chain and `errorData` are restored.
 * `ErrorData` not written by this codec becomes `errorData` verbatim.
 *
 * Law: `errorToErrorObject(errorFromErrorObject(errorToErrorObject(e)))`
 * equals `errorToErrorObject(e)`.
 */
export function errorFromErrorObject(obj: ErrorObject, classes: readonly ErrorClass[] = []): Error {
  return restore(obj, classes, 0) as Error;
}
