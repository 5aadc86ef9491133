/**
 * Paging of operation lists: the invocation event's first page, GetDurableExecutionState pages and
 * a checkpoint's delta. A marker names a snapshot taken when the first page was cut, so the pages
 * of one listing are consistent; later changes reach the SDK through checkpoint deltas. Markers
 * live until the invocation that received them ends.
 */
import { randomBytes } from "node:crypto";
import type { Operation } from "@aws-sdk/client-lambda";
import { invalidParameter } from "./errors.js";
import type { ExecutionRecord } from "./model.js";

/** A page of operations; `NextMarker` is present only when more follow. */
export interface OperationPage {
  Operations: Operation[];
  NextMarker?: string;
}

type Cursor = { items: Operation[]; offset: number };

/**
 * Cuts `items` into a first page of `size`, storing a cursor for the rest. Pages hold the stored
 * operations themselves (never changed in place); the API call that hands a page out copies it.
 */
export function firstPage(exec: ExecutionRecord, items: Operation[], size: number): OperationPage {
  return cut(exec, { items, offset: 0 }, size);
}

/** The page after `marker`; an unknown or expired marker gets InvalidParameterValueException. */
export function nextPage(exec: ExecutionRecord, marker: string, size: number): OperationPage {
  const cursor = exec.cursors.get(marker);
  if (!cursor) throw invalidParameter(`Marker is not valid or has expired: ${JSON.stringify(marker)}`);
  return cut(exec, cursor, size);
}

/** Forgets every marker of the execution (the invocation that held them ended). */
export function dropCursors(exec: ExecutionRecord): void {
  exec.cursors.clear();
}

function cut(exec: ExecutionRecord, cursor: Cursor, size: number): OperationPage {
  const end = cursor.offset + size;
  const page: OperationPage = { Operations: cursor.items.slice(cursor.offset, end) };
  if (end < cursor.items.length) {
    const marker = `${exec.id}:${randomBytes(12).toString("base64url")}`;
    exec.cursors.set(marker, { items: cursor.items, offset: end });
    page.NextMarker = marker;
  }
  return page;
}
