/**
 * The Lambda wire shapes. A request is `{ actorId, handler?, payload, sync?, callId? }` (the seed's
 * shape; `handler` defaults to "default", the handler of `actor.fromFunction`), or
 * `{ actorId, resultOf }` to read a call's outcome. `envelope: true` (sent by the typed client)
 * answers `{ ok, value | error }` instead of throwing, so an error's `data` survives the trip.
 */
import { ACTOR_ERROR_CODES, ActorInputError } from "../errors/errors.js";
import { checkActorId, checkCallId } from "../validation/input.js";
import type { QueuedCall } from "../queue/queue.js";

export type WireRequest =
  | { kind: "call"; actorId: string; handler: string; payload: unknown; sync: boolean; callId?: string; envelope: boolean }
  | { kind: "result"; actorId: string; callId: string };

function malformed(field: string, message: string, received: unknown): ActorInputError {
  return new ActorInputError(ACTOR_ERROR_CODES.MALFORMED_EVENT, field, message, received);
}

/** Parses an invoke payload; a typed error naming the field for anything else. */
export function parseWireRequest(event: unknown): WireRequest {
  if (typeof event !== "object" || event === null || Array.isArray(event)) {
    throw malformed(
      "event",
      `event: expected an actor request { actorId, handler?, payload, sync? } or an SQS event, received ${event === null ? "null" : Array.isArray(event) ? "an array" : typeof event}`,
      event,
    );
  }
  const e = event as Record<string, unknown>;
  const actorId = checkActorId(e.actorId);
  if (e.resultOf !== undefined) return { kind: "result", actorId, callId: checkCallId(e.resultOf, "resultOf") };
  if (e.handler !== undefined && typeof e.handler !== "string") throw malformed("handler", `handler: expected a string, received ${typeof e.handler}`, e.handler);
  if (e.sync !== undefined && typeof e.sync !== "boolean") throw malformed("sync", `sync: expected true or false, received ${JSON.stringify(e.sync)}`, e.sync);
  return {
    kind: "call",
    actorId,
    handler: (e.handler as string | undefined) ?? "default",
    payload: e.payload,
    sync: e.sync === true,
    callId: e.callId === undefined ? undefined : checkCallId(e.callId),
    envelope: e.envelope === true,
  };
}

/** Parses a queued message body. */
export function parseQueuedCall(body: string): QueuedCall {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw malformed("body", `SQS message body: not JSON (${error instanceof Error ? error.message : String(error)})`, body.slice(0, 80));
  }
  const v = value as Partial<QueuedCall> | null;
  if (typeof v !== "object" || v === null || v.v !== 1 || typeof v.actor !== "string" || typeof v.handler !== "string") {
    throw malformed("body", "SQS message body: expected { v: 1, actor, actorId, handler, payload, callId }", body.slice(0, 80));
  }
  return { v: 1, actor: v.actor, actorId: checkActorId(v.actorId), handler: v.handler, payload: v.payload, callId: checkCallId(v.callId) };
}
