/**
 * Row bodies: JSON with Dates tagged as `{"$date": ms}`, so a record reads back with the same
 * `Date` fields the client-lambda shapes have (plain JSON would turn them into strings).
 */

const DATE_TAG = "$date";

/** Encodes a record; every `Date` becomes `{"$date": ms}`. */
export function encodeRow(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, encoded: unknown) {
    // JSON.stringify has already called Date#toJSON: look at the original value.
    const original = key === "" ? value : this[key];
    return original instanceof Date ? { [DATE_TAG]: original.getTime() } : encoded;
  });
}

/** Decodes what {@link encodeRow} wrote. */
export function decodeRow<T>(text: unknown): T {
  if (typeof text !== "string") throw new TypeError(`a stored row must be text, found ${typeof text}`);
  return JSON.parse(text, (_key, decoded: unknown) => {
    if (typeof decoded === "object" && decoded !== null && !Array.isArray(decoded)) {
      const keys = Object.keys(decoded);
      if (keys.length === 1 && keys[0] === DATE_TAG && typeof (decoded as Record<string, unknown>)[DATE_TAG] === "number") {
        return new Date((decoded as Record<string, number>)[DATE_TAG]!);
      }
    }
    return decoded;
  }) as T;
}
