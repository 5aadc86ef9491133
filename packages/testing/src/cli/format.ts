/** Plain-text tables and summaries the CLI prints. */
import type { ErrorObject, Event } from "@aws-sdk/client-lambda";
import { table, toMs } from "../format/table.js";

export { operationsTable } from "../format/operations-table.js";

/** `ErrorType: ErrorMessage`. */
export function formatError(error: ErrorObject | undefined): string {
  if (!error) return "(no error details)";
  return `${error.ErrorType ?? "Error"}: ${error.ErrorMessage ?? ""}`;
}

function summarize(details: Record<string, unknown> | undefined): string {
  if (!details) return "";
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (value === undefined) continue;
    if (key === "Input" || key === "Result") {
      const payload = (value as { Payload?: string }).Payload;
      if (payload !== undefined) parts.push(`${key}=${payload.length > 60 ? `${payload.slice(0, 57)}...` : payload}`);
    } else if (key === "Error") {
      parts.push(`Error=${formatError((value as { Payload?: ErrorObject }).Payload)}`);
    } else if (value instanceof Date) {
      parts.push(`${key}=${value.toISOString()}`);
    } else if (typeof value !== "object") {
      parts.push(`${key}=${String(value)}`);
    } else {
      parts.push(`${key}=${JSON.stringify(value)}`);
    }
  }
  return parts.join(" ");
}

/** The history table: one row per event. */
export function historyTable(events: Event[]): string {
  const rows = events.map((event) => {
    const details = (event as Record<string, unknown>)[`${event.EventType}Details`] as Record<string, unknown> | undefined;
    const at = toMs(event.EventTimestamp);
    return [
      String(event.EventId ?? ""),
      at === undefined ? "" : new Date(at).toISOString(),
      event.EventType ?? "",
      event.SubType ?? "",
      event.Name ?? "",
      event.Id ?? "",
      summarize(details),
    ];
  });
  return table(["#", "time", "event", "subType", "name", "id", "details"], rows);
}
