import type { ErrorObject } from "@aws-sdk/client-lambda";

/**
 * The first line V8 writes for an error; a stack that is only this line has
 * no frames and carries nothing worth recording.
 *
 * @internal
 */
export function stackHeader(name: string, message: string): string {
  return message === "" ? name : `${name}: ${message}`;
}

/** Size of an ErrorObject as the service measures it: UTF-8 bytes of its JSON. */
export function errorObjectBytes(obj: ErrorObject): number {
  return Buffer.byteLength(JSON.stringify(obj), "utf8");
}

/** Largest `n` in `0..max` for which `fits(n)` holds (`fits` is monotone), or -1. */
function largestFitting(max: number, fits: (n: number) => boolean): number {
  let lo = 0;
  let hi = max;
  if (!fits(lo)) return -1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const ELLIPSIS = "…";

/**
 * Shrinks `obj` to at most `maxBytes` of UTF-8 JSON, deterministically:
 * first drop StackTrace lines from the end, then ErrorData, then cut
 * ErrorMessage (on a code-point boundary, marked with "…"). An object that
 * fits is returned unchanged, so truncating twice equals truncating once.
 *
 * @internal
 */
export function truncateErrorObject(obj: ErrorObject, maxBytes: number): ErrorObject {
  if (errorObjectBytes(obj) <= maxBytes) return obj;
  const out: ErrorObject = { ...obj };

  const lines = out.StackTrace ?? [];
  delete out.StackTrace;
  const keep = largestFitting(lines.length, (n) => errorObjectBytes(n === 0 ? out : { ...out, StackTrace: lines.slice(0, n) }) <= maxBytes);
  const kept = lines.slice(0, Math.max(keep, 0));
  // Only the header line left reads back as "no stack trace": drop it, so a
  // second recording gives the same object.
  const headerOnly = kept.join("\n") === stackHeader(out.ErrorType ?? "Error", out.ErrorMessage ?? "");
  if (keep > 0 && !headerOnly) return { ...out, StackTrace: kept };
  if (keep >= 0) return out;

  delete out.ErrorData;
  if (errorObjectBytes(out) <= maxBytes) return out;

  const chars = Array.from(out.ErrorMessage ?? "");
  const cut = (n: number): string => chars.slice(0, n).join("") + ELLIPSIS;
  const n = largestFitting(chars.length, (k) => errorObjectBytes({ ...out, ErrorMessage: cut(k) }) <= maxBytes);
  // Even an empty message may not fit when ErrorType alone is too long; the
  // caller's limit is then unreachable and the shortest form is returned.
  out.ErrorMessage = n >= 0 ? cut(n) : "";
  return out;
}
