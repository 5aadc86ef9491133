/**
 * The backend's one deep copy, and where it is made.
 *
 * Stored state is never changed in place: an operation is replaced by a new object on every
 * change (`putOperation`), a history event or a page snapshot is written once. So the parts of
 * the backend share stored objects freely, and a copy is needed only where a caller could change
 * what the backend holds:
 * - on the way in, once, for what a caller passes and the backend keeps (a checkpoint's updates,
 *   an answer's or a call's ErrorObject);
 * - on the way out, once, for what a caller gets back (a checkpoint response, a state page, the
 *   invocation event, operations, invocations, history, the request log, listener snapshots).
 * Strings, numbers and booleans are immutable and never copied; a `Date` is.
 */

/**
 * A deep copy of client-lambda shapes: plain objects, arrays and `Date`s are copied member by
 * member (several times faster than `structuredClone` on these small objects); anything else that
 * is an object (bytes, a class instance) goes through `structuredClone`.
 */
export function copy<T>(value: T): T {
  return typeof value === "object" && value !== null ? (copyObject(value) as T) : value;
}

function copyObject(value: object): object {
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const member: unknown = value[i];
      out[i] = typeof member === "object" && member !== null ? copyObject(member) : member;
    }
    return out;
  }
  if (value instanceof Date) return new Date(value.getTime());
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  // Most members are strings and numbers: tested inline, so only objects cost a call. `for…in`
  // rather than Object.keys: no array of keys per object copied.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const member = (value as Record<string, unknown>)[key];
    out[key] = typeof member === "object" && member !== null ? copyObject(member) : member;
  }
  return out;
}

/** {@link copy}, or the value itself when it cannot be copied (a cyclic or exotic input is logged as received). */
export function copyOrSame<T>(value: T): T {
  try {
    return copy(value);
  } catch {
    return value;
  }
}
