/**
 * A pointer to a payload stored in S3, checkpointed instead of the payload itself.
 * `durableTsS3` is the format version; readers accept this version and reject others by name.
 */
export interface PayloadReference {
  durableTsS3: 1;
  bucket: string;
  key: string;
  /** SHA-256 of the stored bytes, hex. Reads verify it. */
  sha256: string;
  /** Size of the stored payload in bytes (UTF-8). */
  bytes: number;
  /** The payload's first characters, so a history stays readable without fetching the object. */
  preview: string;
}

/**
 * How a reference is written where a payload string is expected (a checkpoint, a callback result).
 * JSON text never starts with it, so an inline payload written by a JSON-based serdes is never
 * taken for a reference; a payload that does start with it is always offloaded, never inlined.
 */
export const REFERENCE_MARKER = "@durable-ts/s3-payloads:";

const PREVIEW_CHARS = 80;

export function previewOf(payload: string): string {
  return payload.length <= PREVIEW_CHARS ? payload : `${payload.slice(0, PREVIEW_CHARS)}…`;
}

/** The payload string that stands for `reference`. */
export function encodeReference(reference: PayloadReference): string {
  return REFERENCE_MARKER + JSON.stringify(reference);
}

/** True when `value` is a reference object (as returned to callers of an offloaded handler result). */
export function isPayloadReference(value: unknown): value is PayloadReference {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Partial<PayloadReference>;
  return r.durableTsS3 === 1 && typeof r.bucket === "string" && typeof r.key === "string" && typeof r.sha256 === "string";
}

/**
 * The reference a payload string stands for, or `undefined` for an inline payload.
 * Throws a `TypeError` naming the fault when the payload carries the marker but no valid reference.
 */
export function decodeReference(payload: string | undefined): PayloadReference | undefined {
  if (payload === undefined || !payload.startsWith(REFERENCE_MARKER)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.slice(REFERENCE_MARKER.length));
  } catch {
    throw new TypeError(`An S3 payload reference is not valid JSON: ${previewOf(payload)}`);
  }
  if (!isPayloadReference(parsed)) {
    const version = (parsed as { durableTsS3?: unknown } | null)?.durableTsS3;
    throw new TypeError(`An S3 payload reference has format version ${JSON.stringify(version)}, expected 1, or lacks bucket, key or sha256`);
  }
  return parsed;
}
