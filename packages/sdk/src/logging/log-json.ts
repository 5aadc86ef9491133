/**
 * Turns any value into JSON a log line can carry, and never throws: logging must not fail an
 * execution. Cycles become "[Circular]", BigInt its digits, errors `{ errorType, errorMessage,
 * stackTrace, cause }`, functions and symbols their description; a throwing getter or `toJSON`
 * becomes "[Unserializable: <reason>]"; deep structures stop at {@link MAX_DEPTH}.
 */
const MAX_DEPTH = 16;

export function toLogJson(value: unknown, ancestors: object[] = [], depth = 0): unknown {
  try {
    return convert(value, ancestors, depth);
  } catch (error) {
    return `[Unserializable: ${describeFailure(error)}]`;
  }
}

function convert(value: unknown, ancestors: object[], depth: number): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "bigint":
      return value.toString();
    case "undefined":
      return undefined;
    case "function":
      return `[Function ${value.name || "anonymous"}]`;
    case "symbol":
      return value.toString();
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.includes(object)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Truncated: too deep]";
  const inner = [...ancestors, object];
  if (object instanceof Error) return errorToLogJson(object, inner, depth + 1);
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? "Invalid Date" : object.toISOString();
  if (Array.isArray(object)) return object.map((item) => toLogJson(item, inner, depth + 1) ?? null);
  if (object instanceof Map) return { Map: [...object].map(([k, v]) => [toLogJson(k, inner, depth + 1), toLogJson(v, inner, depth + 1)]) };
  if (object instanceof Set) return { Set: [...object].map((v) => toLogJson(v, inner, depth + 1)) };
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return toLogJson(toJSON.call(object), inner, depth + 1);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    let converted: unknown;
    try {
      converted = toLogJson((object as Record<string, unknown>)[key], inner, depth + 1);
    } catch (error) {
      converted = `[Unserializable: ${describeFailure(error)}]`;
    }
    if (converted !== undefined) out[key] = converted;
  }
  return out;
}

/** An error as log fields, its `cause` chain included. */
export function errorToLogJson(error: Error, ancestors: object[] = [], depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  try {
    out.errorType = String(error.name);
    out.errorMessage = String(error.message);
    if (typeof error.stack === "string") out.stackTrace = error.stack.split("\n");
    if (error.cause !== undefined) out.cause = toLogJson(error.cause, [...ancestors, error], depth + 1);
  } catch (failure) {
    out.errorType ??= "Error";
    out.unserializable = describeFailure(failure);
  }
  return out;
}

function describeFailure(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "unknown";
  }
}
