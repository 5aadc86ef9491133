import type { ErrorObject } from "@aws-sdk/client-lambda";
import { BatchCompletionError, ChildContextError, SerdesError } from "../errors/index.js";
import { BatchItemStatus } from "./batch-item-status.js";
import { isCompletionReason, type CompletionReason } from "./completion-policy.js";

export { BatchItemStatus };

const STATUSES: ReadonlySet<string> = new Set(Object.values(BatchItemStatus));

/** One started item of a batch. */
export interface BatchItem<T> {
  /** The item's result, when it SUCCEEDED (may be `undefined`). */
  result?: T;
  /** Why the item FAILED; `cause` is what its function threw. */
  error?: ChildContextError;
  /** Position of the item in the input. */
  index: number;
  status: BatchItemStatus;
  /** The item's name (item namer, branch name or default). */
  name?: string;
}

/**
 * What `context.map` and `context.parallel` return. Item failures never
 * throw; inspect them here or call {@link BatchResult.throwIfError}.
 */
export interface BatchResult<T> {
  /** The started items, in index order. Items the batch never started are absent. */
  all: BatchItem<T>[];
  /** Items that succeeded, including those whose result is `undefined`. */
  succeeded(): (BatchItem<T> & { result: T })[];
  /** Items that failed. */
  failed(): (BatchItem<T> & { error: ChildContextError })[];
  /** Items still running when the batch ended (they were cancelled). */
  started(): BatchItem<T>[];
  /**
   * FAILED when an item failed (even a tolerated one) or the reason is `CUSTOM_COMPLETION_FAILED`;
   * SUCCEEDED otherwise.
   */
  status: BatchItemStatus.SUCCEEDED | BatchItemStatus.FAILED;
  /** Why the batch ended. */
  completionReason: CompletionReason;
  /** True when at least one item failed. */
  hasFailure: boolean;
  /**
   * Throws the error of the first failed item (index order); otherwise a `BatchCompletionError` when
   * `status` is FAILED (a custom FAILED outcome); otherwise returns.
   */
  throwIfError(): void;
  /** Results of the succeeded items, in index order (`undefined` results included). */
  getResults(): T[];
  /** Errors of the failed items, in index order. */
  getErrors(): ChildContextError[];
  successCount: number;
  failureCount: number;
  startedCount: number;
  /** Number of items the batch was given, started or not (as in the official SDK). */
  totalCount: number;
}

function asChildContextError(error: unknown, item: BatchItem<unknown>): ChildContextError {
  if (error instanceof ChildContextError) return error;
  if (error instanceof Error) return new ChildContextError(error.message, error);
  const label = item.name !== undefined ? `${item.index} (${JSON.stringify(item.name)})` : String(item.index);
  return new ChildContextError(`Batch item ${label} failed without a recorded error`);
}

class BatchResultImpl<T> implements BatchResult<T> {
  readonly all: BatchItem<T>[];
  readonly status: BatchItemStatus.SUCCEEDED | BatchItemStatus.FAILED;
  readonly completionReason: CompletionReason;
  readonly hasFailure: boolean;
  readonly successCount: number;
  readonly failureCount: number;
  readonly startedCount: number;
  readonly totalCount: number;

  constructor(all: BatchItem<T>[], completionReason: CompletionReason, totalCount: number) {
    this.all = all;
    this.completionReason = completionReason;
    const count = (status: BatchItemStatus): number => all.filter((i) => i.status === status).length;
    this.successCount = count(BatchItemStatus.SUCCEEDED);
    this.failureCount = count(BatchItemStatus.FAILED);
    this.startedCount = count(BatchItemStatus.STARTED);
    this.totalCount = totalCount;
    this.hasFailure = this.failureCount > 0;
    const failed = this.hasFailure || completionReason === "CUSTOM_COMPLETION_FAILED";
    this.status = failed ? BatchItemStatus.FAILED : BatchItemStatus.SUCCEEDED;
  }

  succeeded(): (BatchItem<T> & { result: T })[] {
    return this.all.filter((i) => i.status === BatchItemStatus.SUCCEEDED) as (BatchItem<T> & { result: T })[];
  }

  failed(): (BatchItem<T> & { error: ChildContextError })[] {
    return this.all.filter((i) => i.status === BatchItemStatus.FAILED) as (BatchItem<T> & { error: ChildContextError })[];
  }

  started(): BatchItem<T>[] {
    return this.all.filter((i) => i.status === BatchItemStatus.STARTED);
  }

  throwIfError(): void {
    const first = this.failed()[0];
    if (first !== undefined) throw first.error;
    if (this.status === BatchItemStatus.FAILED) {
      throw new BatchCompletionError(
        `Batch ended with a FAILED outcome (${this.completionReason}): ${this.successCount} succeeded, ` +
          `${this.failureCount} failed, ${this.startedCount} still running`,
      );
    }
  }

  getResults(): T[] {
    return this.succeeded().map((i) => i.result);
  }

  getErrors(): ChildContextError[] {
    return this.failed().map((i) => i.error);
  }
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Why `items` cannot form a batch result, or undefined when they can. */
function findProblem(items: readonly unknown[], reason: unknown): string | undefined {
  if (!isCompletionReason(reason)) return `unknown completion reason ${show(reason)}`;
  const seen = new Set<number>();
  for (const item of items) {
    if (typeof item !== "object" || item === null) return `an item is ${show(item)}, not an object`;
    const { index, status, name } = item as { index?: unknown; status?: unknown; name?: unknown };
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0) return `invalid item index ${String(index)}`;
    if (seen.has(index)) return `item index ${index} appears twice`;
    seen.add(index);
    if (typeof status !== "string" || !STATUSES.has(status)) return `item ${index} has unknown status ${show(status)}`;
    if (name !== undefined && typeof name !== "string") return `item ${index} has a non-string name ${show(name)}`;
  }
  return undefined;
}

/**
 * Builds the result of a finished batch.
 *
 * @param items - the started items, in any order: they are copied and sorted by index. Items never
 *   started are left out. A FAILED item's error that is not a `ChildContextError` is wrapped in one
 *   (the original as `cause`).
 * @param completionReason - what {@link decideCompletion} returned.
 * @param totalCount - how many items the batch was given; default: the number of `items`.
 * @throws TypeError on an unknown reason or status, a negative, non-integer or repeated index, or a
 *   `totalCount` below the number of items.
 */
export function createBatchResult<T>(items: BatchItem<T>[], completionReason: CompletionReason, totalCount = items.length): BatchResult<T> {
  const problem = findProblem(items, completionReason) ?? totalProblem(totalCount, items.length);
  if (problem !== undefined) throw new TypeError(`Invalid batch result: ${problem}`);
  const all = items
    .map((item) => (item.status === BatchItemStatus.FAILED ? { ...item, error: asChildContextError(item.error, item) } : { ...item }))
    .sort((a, b) => a.index - b.index);
  return new BatchResultImpl(all, completionReason, totalCount);
}

function totalProblem(totalCount: unknown, itemCount: number): string | undefined {
  if (typeof totalCount === "number" && Number.isInteger(totalCount) && totalCount >= itemCount) return undefined;
  return `totalCount ${show(totalCount)} is not an integer ≥ the ${itemCount} started items`;
}

/**
 * A {@link BatchResult} as plain data, for checkpoints: values and errors still need encoding by the caller's
 * serdes. `result` is present only on SUCCEEDED items with a defined result, `error` only on FAILED items.
 */
export interface BatchResultData {
  v: 1;
  reason: CompletionReason;
  /** Items the batch was given; absent in data written before it was recorded (then: `items.length`). */
  total?: number;
  items: { index: number; name?: string; status: BatchItemStatus; result?: unknown; error?: ErrorObject }[];
}

/**
 * The data form of `result`. Each FAILED item's whole `ChildContextError` is passed to `encodeError`
 * (its `cause` chain is the codec's to record).
 */
export function batchResultToData<T>(result: BatchResult<T>, encodeError: (e: Error) => ErrorObject): BatchResultData {
  const items = result.all.map((item) => {
    const out: BatchResultData["items"][number] = { index: item.index, status: item.status };
    if (item.name !== undefined) out.name = item.name;
    if (item.status === BatchItemStatus.SUCCEEDED && item.result !== undefined) out.result = item.result;
    if (item.status === BatchItemStatus.FAILED) out.error = encodeError(asChildContextError(item.error, item));
    return out;
  });
  return { v: 1, reason: result.completionReason, total: result.totalCount, items };
}

function corrupt(problem: string): SerdesError {
  return new SerdesError({ direction: "deserialize", retryable: false, message: `Invalid stored batch result: ${problem}` });
}

function checkVersioned(value: unknown): { reason?: unknown; items?: unknown; total?: unknown } {
  if (typeof value !== "object" || value === null) throw corrupt(`expected an object, received ${show(value)}`);
  const { v } = value as { v?: unknown };
  if (v !== undefined && v !== 1) throw corrupt(`unsupported version ${show(v)}`);
  return value as { reason?: unknown; items?: unknown; total?: unknown };
}

/**
 * Rebuilds a {@link BatchResult} from {@link batchResultToData} output (a missing `v` reads as 1).
 * Each item error is restored with `decodeError`; a restored error that is not a `ChildContextError`
 * becomes the `cause` of a new `ChildContextError` with the same message.
 *
 * @throws SerdesError (terminal) when `data` is not a valid batch result.
 */
export function batchResultFromData<T>(data: BatchResultData, decodeError: (o: ErrorObject) => Error): BatchResult<T> {
  const { reason, items, total } = checkVersioned(data);
  if (!Array.isArray(items)) throw corrupt("items is not an array");
  const totalCount = total ?? items.length;
  const problem = findProblem(items, reason) ?? totalProblem(totalCount, items.length);
  if (problem !== undefined) throw corrupt(problem);
  const restored = (items as BatchResultData["items"]).map((stored) => {
    const item: BatchItem<T> = { index: stored.index, status: stored.status };
    if (stored.name !== undefined) item.name = stored.name;
    if (stored.status === BatchItemStatus.SUCCEEDED && stored.result !== undefined) item.result = stored.result as T;
    if (stored.status === BatchItemStatus.FAILED && stored.error !== undefined) {
      item.error = asChildContextError(decodeError(stored.error), item);
    }
    return item;
  });
  return createBatchResult(restored, reason as CompletionReason, totalCount as number);
}
