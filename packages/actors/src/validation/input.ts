/**
 * Validation at the boundary: actor ids, handler names, call ids and JSON values. Every message
 * names the field, the value received and what is accepted.
 */
import { ACTOR_ERROR_CODES, ActorInputError } from "../errors/errors.js";

/** Actor ids: 1–1,024 characters. */
export const MAX_ACTOR_ID_LENGTH = 1024;
/** Call ids double as SQS `MessageDeduplicationId`: 1–128 printable ASCII characters. */
const CALL_ID = /^[\x21-\x7e]{1,128}$/;
const ACTOR_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function preview(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (value === undefined) return "undefined";
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  } catch {
    return String(value);
  }
}

export function checkActorId(actorId: unknown, field = "actorId"): string {
  if (typeof actorId !== "string" || actorId.length < 1 || actorId.length > MAX_ACTOR_ID_LENGTH) {
    const what = typeof actorId === "string" ? `a string of ${actorId.length} characters` : preview(actorId);
    throw new ActorInputError(
      ACTOR_ERROR_CODES.INVALID_ACTOR_ID,
      field,
      `${field}: expected a string of 1 to ${MAX_ACTOR_ID_LENGTH} characters, received ${what}`,
      typeof actorId === "string" ? actorId.length : actorId,
    );
  }
  return actorId;
}

export function checkCallId(callId: unknown, field = "callId"): string {
  if (typeof callId !== "string" || !CALL_ID.test(callId)) {
    throw new ActorInputError(
      ACTOR_ERROR_CODES.MALFORMED_EVENT,
      field,
      `${field}: expected 1 to 128 printable ASCII characters without spaces (it is the SQS MessageDeduplicationId), received ${preview(callId)}`,
      callId,
    );
  }
  return callId;
}

export function checkActorName(name: unknown): string {
  if (typeof name !== "string" || !ACTOR_NAME.test(name)) {
    throw new ActorInputError(ACTOR_ERROR_CODES.CONFIG, "name", `actor name: expected 1 to 64 characters of [a-zA-Z0-9_-], received ${preview(name)}`, name);
  }
  return name;
}

export function checkHandlerName(handler: unknown, known: string[], actor: string): string {
  if (typeof handler !== "string" || !Object.hasOwn(Object.fromEntries(known.map((k) => [k, true])), handler)) {
    throw new ActorInputError(
      ACTOR_ERROR_CODES.UNKNOWN_HANDLER,
      "handler",
      `handler: actor ${actor} has no handler ${preview(handler)}; its handlers are ${known.map((k) => JSON.stringify(k)).join(", ")}`,
      handler,
    );
  }
  return handler;
}

/** `value` as JSON text; a typed error naming `field` when it is not JSON (undefined becomes null). */
export function toJson(value: unknown, field: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value === undefined ? null : value);
  } catch (error) {
    throw new ActorInputError(ACTOR_ERROR_CODES.NOT_SERIALIZABLE, field, `${field}: not JSON-serialisable (${error instanceof Error ? error.message : String(error)})`);
  }
  if (text === undefined) throw new ActorInputError(ACTOR_ERROR_CODES.NOT_SERIALIZABLE, field, `${field}: not JSON-serialisable (received a ${typeof value})`);
  return text;
}
