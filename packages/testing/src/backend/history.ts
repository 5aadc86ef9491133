/**
 * History events (protocol §10): one list per execution, EventId 1, 2, … in recording order,
 * served by GetDurableExecutionHistory with MaxItems / Marker / ReverseOrder / IncludeExecutionData.
 */
import type {
  ErrorObject,
  Event,
  EventError,
  EventResult,
  EventType,
  GetDurableExecutionHistoryCommandInput,
  GetDurableExecutionHistoryCommandOutput,
  Operation,
} from "@aws-sdk/client-lambda";
import { invalidParameter } from "./errors.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./limits.js";
import { copy } from "./copy.js";
import type { ExecutionRecord } from "./model.js";

/** Wraps a payload for an event (`EventResult` / `EventInput`). */
export function eventResult(payload: string | undefined): EventResult {
  return payload === undefined ? { Truncated: false } : { Payload: payload, Truncated: false };
}

/** Wraps an error for an event; `EventError` carries no StackTrace. */
export function eventError(error: ErrorObject | undefined): EventError {
  if (error === undefined) return { Truncated: false };
  const { StackTrace: _dropped, ...payload } = error;
  return { Payload: payload, Truncated: false };
}

/**
 * Appends an event; `details` goes under `<EventType>Details` as it is: the backend builds it for
 * this event, from stored or already copied values, and readers get copies.
 */
export function recordEvent(
  exec: ExecutionRecord,
  at: Date,
  eventType: EventType,
  op: Pick<Operation, "Id" | "Name" | "ParentId" | "SubType"> | undefined,
  details: object,
): void {
  const event: Event = { EventType: eventType, EventId: exec.history.length + 1, EventTimestamp: at };
  if (op?.SubType !== undefined) event.SubType = op.SubType;
  if (op?.Id !== undefined) event.Id = op.Id;
  if (op?.Name !== undefined) event.Name = op.Name;
  if (op?.ParentId !== undefined) event.ParentId = op.ParentId;
  (event as Record<string, unknown>)[detailsKey(eventType)] = details;
  exec.history.push(event);
}

/** `<EventType>Details`, made once per event type rather than once per event. */
const DETAILS_KEYS = new Map<EventType, string>();
function detailsKey(eventType: EventType): string {
  let key = DETAILS_KEYS.get(eventType);
  if (key === undefined) {
    key = `${eventType}Details`;
    DETAILS_KEYS.set(eventType, key);
  }
  return key;
}

/** Removes Payload from every `Input` / `Result` / `Error` wrapper of an event's details. */
function stripData(event: Event): Event {
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith("Details") || typeof value !== "object" || value === null) continue;
    for (const wrapper of ["Input", "Result", "Error"]) {
      const inner = (value as Record<string, unknown>)[wrapper];
      if (typeof inner === "object" && inner !== null) delete (inner as Record<string, unknown>).Payload;
    }
  }
  return event;
}

function encodeMarker(nextEventId: number, reverse: boolean): string {
  return Buffer.from(JSON.stringify({ h: nextEventId, r: reverse })).toString("base64");
}

function decodeMarker(marker: string, reverse: boolean): number {
  try {
    const parsed = JSON.parse(Buffer.from(marker, "base64").toString("utf8")) as { h?: unknown; r?: unknown };
    if (typeof parsed.h === "number" && Number.isInteger(parsed.h) && parsed.r === reverse) return parsed.h;
  } catch {
    // fall through
  }
  throw invalidParameter(`Marker is not valid for this request: ${JSON.stringify(marker)}`);
}

/** Reads a MaxItems value (0 or absent = 100, at most 1000). */
export function pageSize(maxItems: unknown): number {
  if (maxItems === undefined || maxItems === 0) return DEFAULT_PAGE_SIZE;
  if (typeof maxItems !== "number" || !Number.isInteger(maxItems) || maxItems < 0 || maxItems > MAX_PAGE_SIZE) {
    throw invalidParameter(`MaxItems must be an integer from 0 to ${MAX_PAGE_SIZE}, received ${JSON.stringify(maxItems)}`);
  }
  return maxItems;
}

/** One page of the execution's history. Markers name the next EventId, so appends never shift pages. */
export function readHistory(exec: ExecutionRecord, input: GetDurableExecutionHistoryCommandInput): GetDurableExecutionHistoryCommandOutput {
  const size = pageSize(input.MaxItems);
  const reverse = input.ReverseOrder === true;
  const events = exec.history;
  let page: Event[];
  let nextId: number | undefined;
  if (!reverse) {
    const from = input.Marker ? decodeMarker(input.Marker, false) : 1;
    page = events.slice(from - 1, from - 1 + size);
    const after = from + page.length;
    nextId = after <= events.length ? after : undefined;
  } else {
    const from = input.Marker ? decodeMarker(input.Marker, true) : events.length;
    const lowest = Math.max(1, from - size + 1);
    page = events.slice(lowest - 1, from).reverse();
    nextId = lowest > 1 ? lowest - 1 : undefined;
  }
  const includeData = input.IncludeExecutionData !== false;
  const out = page.map((e) => (includeData ? copy(e) : stripData(copy(e))));
  const output: GetDurableExecutionHistoryCommandOutput = { Events: out, $metadata: { httpStatusCode: 200 } };
  if (nextId !== undefined) output.NextMarker = encodeMarker(nextId, reverse);
  return output;
}
