/**
 * Wire shapes of restJson1 as client-lambda 3.1164.0 reads and writes them: timestamps are epoch
 * seconds (fractional) in JSON bodies and ISO-8601 in query strings, booleans and integers in the
 * query are text, and `$metadata` never travels.
 */
import { invalidParameterValue, invalidRequestContent } from "./errors.js";

/** JSON text of a client-lambda output: `Date` → epoch seconds, `$metadata` dropped, bytes → UTF-8 text. */
export function toWireJson(output: object): string {
  return JSON.stringify(output, function (this: Record<string, unknown>, key: string, value: unknown) {
    if (key === "$metadata") return undefined;
    const raw = this[key];
    if (raw instanceof Date) return raw.getTime() / 1000;
    return value;
  });
}

/** JSON text of a Lambda event: `Date` → epoch milliseconds, as the service sends invocation events (protocol §1). */
export function toEventJson(event: object): string {
  return JSON.stringify(event, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return raw.getTime();
    return value;
  });
}

/** The body as a JSON object; empty = `{}`. Anything else is InvalidRequestContentException. */
export function readJsonObject(body: Buffer): Record<string, unknown> {
  if (body.byteLength === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw invalidRequestContent(`Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalidRequestContent(`Request body must be a JSON object, received ${Array.isArray(parsed) ? "an array" : parsed === null ? "null" : typeof parsed}`);
  }
  return parsed as Record<string, unknown>;
}

/** An optional string query parameter. */
export function queryString(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null ? undefined : value;
}

/** An optional integer query parameter within [min, max]. */
export function queryInteger(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameterValue(`${name} must be an integer from ${min} to ${max}, received ${JSON.stringify(text)}`);
  }
  return value;
}

/** An optional boolean query parameter ("true" / "false"). */
export function queryBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  if (text !== "true" && text !== "false") throw invalidParameterValue(`${name} must be true or false, received ${JSON.stringify(text)}`);
  return text === "true";
}

/** An optional timestamp query parameter: ISO-8601 (what the client sends) or epoch seconds. */
export function queryTimestamp(query: URLSearchParams, name: string): Date | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  const date = /^\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
  if (Number.isNaN(date.getTime())) throw invalidParameterValue(`${name} must be an ISO-8601 timestamp, received ${JSON.stringify(text)}`);
  return date;
}

/** Checks that a body field holds the expected JSON type; the message names the field and what came. */
export function bodyField<T>(body: Record<string, unknown>, name: string, type: "string" | "array" | "object", required: boolean): T | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw invalidRequestContent(`${name} is required`);
    return undefined;
  }
  const ok = type === "array" ? Array.isArray(value) : type === "object" ? typeof value === "object" && !Array.isArray(value) : typeof value === type;
  if (!ok)
    throw invalidRequestContent(
      `${name} must be ${type === "array" ? "an array" : `a${type === "object" ? "n" : ""} ${type}`}, received ${JSON.stringify(value)?.slice(0, 80)}`,
    );
  return value as T;
}
