/** Plain-text tables and summaries the CLI prints. */
import type { ErrorObject, Event, Operation } from "@aws-sdk/client-lambda";

/** Left-aligned columns separated by two spaces, with a header and a rule. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, i) => (cell ?? "").padEnd(widths[i])).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function toMs(value: Date | number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** `850ms`, `12.5s`, `3m 20s`, `2h 5m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1).replace(/\.?0+$/, "")}s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s`;
  return `${Math.floor(ms / 3_600_000)}h ${Math.round((ms % 3_600_000) / 60_000)}m`;
}

/** The operations table: `#, id, parent, name, type, subType, status, attempts, duration` (api.md §7). */
export function operationsTable(operations: Operation[]): string {
  const rows = operations.map((op, index) => {
    const start = toMs(op.StartTimestamp);
    const end = toMs(op.EndTimestamp);
    return [
      String(index),
      op.Id ?? "",
      op.ParentId ?? "",
      op.Name ?? "",
      op.Type ?? "",
      op.SubType ?? "",
      op.Status ?? "",
      op.StepDetails?.Attempt !== undefined ? String(op.StepDetails.Attempt) : "",
      start !== undefined && end !== undefined ? formatDuration(end - start) : "",
    ];
  });
  return table(["#", "id", "parent", "name", "type", "subType", "status", "attempts", "duration"], rows);
}

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
