/**
 * Errors as JSON, for the call window, the Lambda response and the queue: `{ name, message, code?, data? }`.
 * Decoding gives back an {@link ActorError} subclass for the package's own codes and an
 * {@link ActorHandlerError} (same name, message and data) for a handler's error.
 */
import { ACTOR_ERROR_CODES, ActorError, ActorHandlerError, type ActorErrorCode } from "./errors.js";

/** A serialised error. */
export interface ErrorRecord {
  name: string;
  message: string;
  code?: ActorErrorCode;
  data?: unknown;
}

const CODES = new Set<string>(Object.values(ACTOR_ERROR_CODES));

function jsonData(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return String(value); // a cycle or a BigInt: keep something readable rather than lose the error
  }
}

/** Any thrown value → {@link ErrorRecord}; `data` keeps the error's own `data` field when it is JSON. */
export function encodeError(error: unknown): ErrorRecord {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const record: ErrorRecord = { name: error.name, message: error.message };
    if (typeof code === "string" && CODES.has(code)) record.code = code as ActorErrorCode;
    const data = jsonData((error as { data?: unknown }).data);
    if (data !== undefined) record.data = data;
    return record;
  }
  return { name: "Error", message: typeof error === "string" ? error : (JSON.stringify(jsonData(error)) ?? String(error)) };
}

/** {@link ErrorRecord} → an error to throw at the caller. */
export function decodeError(record: ErrorRecord): ActorError {
  if (record.code === undefined || record.code === ACTOR_ERROR_CODES.HANDLER_FAILED) return new ActorHandlerError(record.name, record.message, record.data);
  return new ActorError(record.code, record.message, { data: record.data, name: record.name });
}

/** True when `value` has the shape of an {@link ErrorRecord}. */
export function isErrorRecord(value: unknown): value is ErrorRecord {
  return typeof value === "object" && value !== null && typeof (value as ErrorRecord).name === "string" && typeof (value as ErrorRecord).message === "string";
}
