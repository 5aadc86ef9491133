/**
 * The operations table of `durable-ts run` and `TestResult.print()`: one row per operation, the
 * parent shown by indentation, ids cut to 8 characters, and at most 100 columns. A map or parallel
 * with many items is summarised: its failed items are listed, the rest counted.
 */
import type { Operation } from "@aws-sdk/client-lambda";
import { clip, formatDuration, table, toMs } from "./table.js";

/** The table never grows wider than this. */
export const MAX_TABLE_WIDTH = 100;
/** A context with more children than this lists only the failed ones and a count. */
export const MAX_LISTED_CHILDREN = 10;

const SHORT_ID = 8;
const FAILED = new Set(["FAILED", "TIMED_OUT", "CANCELLED", "STOPPED"]);

interface Row {
  id: string;
  name: string;
  kind: string;
  status: string;
  attempts: string;
  duration: string;
}

function rowOf(op: Operation, depth: number): Row {
  const start = toMs(op.StartTimestamp);
  const end = toMs(op.EndTimestamp);
  return {
    id: (op.Id ?? "").slice(0, SHORT_ID),
    name: `${"  ".repeat(depth)}${op.Name ?? ""}`,
    kind: op.SubType ?? op.Type ?? "",
    status: op.Status ?? "",
    attempts: op.StepDetails?.Attempt !== undefined ? String(op.StepDetails.Attempt) : "",
    duration: start !== undefined && end !== undefined ? formatDuration(end - start) : "",
  };
}

function countByStatus(ops: Operation[]): string {
  const counts = new Map<string, number>();
  for (const op of ops) counts.set(op.Status ?? "?", (counts.get(op.Status ?? "?") ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} ${status}`).join(", ");
}

/** Rows in tree order: each operation followed by its children, indented one step per level. */
function treeRows(operations: Operation[]): Row[] {
  const children = new Map<string | undefined, Operation[]>();
  const ids = new Set(operations.map((op) => op.Id));
  for (const op of operations) {
    // An operation whose parent is not listed (EXECUTION filtered out) is a root.
    const parent = op.ParentId !== undefined && ids.has(op.ParentId) ? op.ParentId : undefined;
    const list = children.get(parent) ?? [];
    list.push(op);
    children.set(parent, list);
  }
  const rows: Row[] = [];
  const visit = (op: Operation, depth: number) => {
    rows.push(rowOf(op, depth));
    const kids = children.get(op.Id) ?? [];
    if (kids.length <= MAX_LISTED_CHILDREN) {
      for (const kid of kids) visit(kid, depth + 1);
      return;
    }
    const failed = kids.filter((kid) => FAILED.has(kid.Status ?? ""));
    for (const kid of failed.slice(0, MAX_LISTED_CHILDREN)) visit(kid, depth + 1);
    const more = failed.length > MAX_LISTED_CHILDREN ? `, ${failed.length - MAX_LISTED_CHILDREN} failures not listed` : "";
    rows.push({ id: "", name: `${"  ".repeat(depth + 1)}(${kids.length} items: ${countByStatus(kids)}${more})`, kind: "", status: "", attempts: "", duration: "" });
  };
  for (const root of children.get(undefined) ?? []) visit(root, 0);
  return rows;
}

/** The operations table (EXECUTION left out): `id, name, type, status, att, duration`, at most 100 columns wide. */
export function operationsTable(operations: Operation[]): string {
  const rows = treeRows(operations.filter((op) => op.Type !== "EXECUTION"));
  const headers = ["id", "name", "type", "status", "att", "duration"];
  const fixed = (column: keyof Row, header: string, max: number) => Math.min(max, Math.max(header.length, ...rows.map((row) => row[column].length)));
  const kindWidth = fixed("kind", "type", 18);
  const otherWidths = SHORT_ID + kindWidth + fixed("status", "status", 9) + fixed("attempts", "att", 3) + fixed("duration", "duration", 9);
  // Whatever the other columns leave of the 100 goes to the name (5 gaps of two spaces).
  const nameWidth = Math.max(12, MAX_TABLE_WIDTH - otherWidths - 10);
  return table(
    headers,
    rows.map((row) => [row.id, clip(row.name, nameWidth), clip(row.kind, kindWidth), row.status, row.attempts, row.duration]),
  );
}
