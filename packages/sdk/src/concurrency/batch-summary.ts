import { BatchItemStatus, type BatchResult } from "./batch-result.js";
import { isCompletionReason, type CompletionReason } from "./completion-policy.js";

/**
 * Sorted, disjoint runs of item indexes, each `[first, last]` (both included). A batch whose items
 * finish in a handful of runs stores a handful of pairs, whatever its size.
 */
export type IndexRangeList = [first: number, last: number][];

/**
 * What a batch stores instead of its result when the result is too large to store inline
 * (`ReplayChildren`): only what replay needs to rebuild the live result. Replay re-runs the finished
 * items over their own child contexts (which hold each item's status and result) and reports the
 * items that were still running as STARTED.
 *
 * Format 2 records indexes as ranges: a map of 100,000 items that all finished stores
 * `{"v":2,"reason":"ALL_COMPLETED","finished":[[0,99999]],"started":[]}`. Format 1 (one entry per
 * item, about 36 bytes each) went over the 256 KB operation limit at about 7,300 items; it is
 * still read, so executions that stored it replay unchanged.
 */
export interface BatchSummary {
  v: 2;
  reason: CompletionReason;
  /** Items that SUCCEEDED or FAILED before the batch completed. */
  finished: IndexRangeList;
  /** Items still running when the batch completed (they were cancelled). */
  started: IndexRangeList;
}

/** Format 1 of {@link BatchSummary}: one entry per started item. Read, never written. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- documents the stored format 1 that readV1 parses from unknown
interface BatchSummaryV1 {
  v?: 1;
  reason: CompletionReason;
  items: { index: number; status: BatchItemStatus }[];
}

/** A set of item indexes held as ranges: membership by binary search, memory by run count. */
export class IndexRanges {
  /** Number of indexes in the set. */
  readonly size: number;

  constructor(private readonly ranges: IndexRangeList) {
    let size = 0;
    for (const [first, last] of ranges) size += last - first + 1;
    this.size = size;
  }

  /** Builds the ranges of `indexes`, which must be ascending. */
  static fromSorted(indexes: Iterable<number>): IndexRanges {
    const ranges: IndexRangeList = [];
    for (const index of indexes) {
      const last = ranges[ranges.length - 1];
      if (last !== undefined && last[1] + 1 === index) last[1] = index;
      else ranges.push([index, index]);
    }
    return new IndexRanges(ranges);
  }

  has(index: number): boolean {
    let low = 0;
    let high = this.ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const [first, last] = this.ranges[middle] as [number, number]; // low ≤ middle ≤ high < length
      if (index < first) high = middle - 1;
      else if (index > last) low = middle + 1;
      else return true;
    }
    return false;
  }

  *[Symbol.iterator](): IterableIterator<number> {
    for (const [first, last] of this.ranges) for (let index = first; index <= last; index++) yield index;
  }

  toJSON(): IndexRangeList {
    return this.ranges.map(([first, last]) => [first, last]);
  }
}

/** A stored summary of either format, as replay uses it. */
export interface BatchPlan {
  reason: CompletionReason;
  finished: IndexRanges;
  started: IndexRanges;
}

/** The {@link BatchSummary} of `result` (its items are in index order). */
export function summarizeBatch<T>(result: BatchResult<T>): BatchSummary {
  return planToSummary({
    reason: result.completionReason,
    finished: IndexRanges.fromSorted(indexesWith(result, (status) => status !== BatchItemStatus.STARTED)),
    started: IndexRanges.fromSorted(indexesWith(result, (status) => status === BatchItemStatus.STARTED)),
  });
}

/** The stored form of a plan. */
function planToSummary(plan: BatchPlan): BatchSummary {
  return { v: 2, reason: plan.reason, finished: plan.finished.toJSON(), started: plan.started.toJSON() };
}

function* indexesWith<T>(result: BatchResult<T>, keep: (status: BatchItemStatus) => boolean): Generator<number> {
  for (const item of result.all) if (keep(item.status)) yield item.index;
}

/**
 * Reads a stored summary (already parsed from JSON): format 2, or format 1 (a missing `v` reads as 1;
 * any format-1 `BatchResultData` also reads, since it lists every started item). Undefined when
 * `value` is neither, e.g. the text of a custom `summaryGenerator`.
 */
export function readBatchSummary(value: unknown): BatchPlan | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { v, reason } = value as { v?: unknown; reason?: unknown };
  if (!isCompletionReason(reason)) return undefined;
  if (v === 2) return readV2(value as Partial<BatchSummary>, reason);
  if (v === undefined || v === 1) return readV1((value as { items?: unknown }).items, reason);
  return undefined;
}

function readV1(items: unknown, reason: CompletionReason): BatchPlan | undefined {
  if (!Array.isArray(items)) return undefined;
  const finished: number[] = [];
  const started: number[] = [];
  for (const item of items) {
    if (typeof item !== "object" || item === null) return undefined;
    const { index, status } = item as { index?: unknown; status?: unknown };
    if (!isIndex(index)) return undefined;
    if (status === BatchItemStatus.STARTED) started.push(index);
    else if (status === BatchItemStatus.SUCCEEDED || status === BatchItemStatus.FAILED) finished.push(index);
    else return undefined;
  }
  const all = [...finished, ...started];
  if (new Set(all).size !== all.length) return undefined;
  const ascending = (a: number, b: number) => a - b;
  return { reason, finished: IndexRanges.fromSorted(finished.sort(ascending)), started: IndexRanges.fromSorted(started.sort(ascending)) };
}

function readV2(value: Partial<BatchSummary>, reason: CompletionReason): BatchPlan | undefined {
  const finished = readRanges(value.finished);
  const started = readRanges(value.started);
  if (!finished || !started) return undefined;
  if (overlap(finished.toJSON(), started.toJSON())) return undefined;
  return { reason, finished, started };
}

/** True when two sorted range lists share an index. */
function overlap(a: IndexRangeList, b: IndexRangeList): boolean {
  let i = 0;
  let j = 0;
  for (let x = a[i], y = b[j]; x !== undefined && y !== undefined; x = a[i], y = b[j]) {
    if (x[1] < y[0]) i++;
    else if (y[1] < x[0]) j++;
    else return true;
  }
  return false;
}

function readRanges(value: unknown): IndexRanges | undefined {
  if (!Array.isArray(value)) return undefined;
  let previousLast = -1;
  for (const range of value) {
    if (!Array.isArray(range) || range.length !== 2) return undefined;
    const [first, last] = range as unknown[];
    if (!isIndex(first) || !isIndex(last) || first > last || first <= previousLast) return undefined;
    previousLast = last;
  }
  return new IndexRanges(value as IndexRangeList);
}

function isIndex(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}
