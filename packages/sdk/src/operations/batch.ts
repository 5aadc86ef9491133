import type { Operation } from "@aws-sdk/client-lambda";
import pLimit from "p-limit";
import {
  BatchItemStatus,
  batchResultFromData,
  batchResultToData,
  createBatchResult,
  decideCompletion,
  isBatchSummary,
  summarizeBatch,
  validateCompletionConfig,
  validateMaxConcurrency,
  type BatchItem,
  type BatchResult,
  type BatchResultData,
  type BatchSummary,
  type CompletionConfig,
  type CompletionReason,
} from "../concurrency/index.js";
import { CancelledError, ChildContextError, ConfigError, isTerminalError } from "../errors/index.js";
import type { Serdes } from "../serdes/index.js";
import { runClaimedChild } from "./child-context.js";
import type { ChildScope, InvocationServices, OperationScope } from "./host.js";

/** One unit of a batch: a map item or a parallel branch. */
export interface BatchUnit<O, C> {
  name: string;
  run(context: C): Promise<O>;
}

/** Settings shared by map and parallel. */
export interface BatchConfig<O> {
  /** Items in flight at once (a suspended item keeps its slot). Default: unlimited. */
  maxConcurrency?: number;
  completionConfig?: CompletionConfig;
  /** Serdes of the whole result (its data form). Default: the context's serdes. */
  serdes?: Serdes<BatchResult<O>>;
  /** Serdes of each item's result. Default: the context's serdes. */
  itemSerdes?: Serdes<O>;
  /** Stored instead of a result too large to store inline. Default: the completion reason and each item's status. */
  summaryGenerator?: (result: BatchResult<O>) => string;
  /** Only NESTED (one CONTEXT per item) is supported. */
  nesting?: "NESTED" | "FLAT";
}

interface BatchKind {
  subType: "Map" | "Parallel";
  itemSubType: "MapIteration" | "ParallelBranch";
  field: string;
}

/**
 * The engine of map and parallel: a CONTEXT holding one child CONTEXT per unit at positions 1…n,
 * run with bounded concurrency until the completion policy decides. Units still running then are
 * cancelled and reported STARTED; units never started are left out. Unit failures never fail the batch.
 */
export async function runBatch<O, C>(
  scope: OperationScope<C>,
  name: string | undefined,
  units: BatchUnit<O, C>[],
  config: BatchConfig<O>,
  kind: BatchKind,
  onChild?: (child: ChildScope<C>) => void,
): Promise<BatchResult<O>> {
  validateCompletionConfig(config.completionConfig, `${kind.field}.completionConfig`);
  if (config.maxConcurrency !== undefined) validateMaxConcurrency(config.maxConcurrency, `${kind.field}.maxConcurrency`);
  if (config.nesting === "FLAT") {
    throw new ConfigError("INVALID_CONFIG", `${kind.field}.nesting FLAT is not supported; use NESTED (one child context per item)`, `${kind.field}.nesting`);
  }
  const operation = scope.claim({ type: "CONTEXT", subType: kind.subType, name });
  const services = scope.services;
  const replayChildren = operation.stored?.Status === "SUCCEEDED" && operation.stored.ContextDetails?.ReplayChildren === true;
  const summary = replayChildren ? storedSummary(operation.stored) : undefined;
  return runClaimedChild<BatchResult<O>, C>(
    scope,
    operation,
    (batch) => batch.run(() => executeUnits(batch, units, config, kind, replayChildren, summary)),
    {
      subType: kind.subType,
      serdes: config.serdes ?? batchResultSerdes<O>(scope.serdes, services),
      summaryGenerator: config.summaryGenerator ?? ((result) => JSON.stringify(summarizeBatch(result))),
    },
    onChild,
  );
}

/** With ReplayChildren, the stored payload is the summary written when the batch completed (unless a custom one). */
function storedSummary(stored: Operation | undefined): BatchSummary | undefined {
  try {
    const parsed: unknown = JSON.parse(stored?.ContextDetails?.Result ?? "");
    return isBatchSummary(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Under a custom summary the decision is rebuilt from the items' own records: finished items are
 * replayed, items recorded STARTED were running when the batch completed, the reason is the first
 * one the policy reaches over the finished items in index order.
 */
function summaryFromLog<O, C>(
  units: BatchUnit<O, C>[],
  stored: (index: number) => Operation | undefined,
  config: CompletionConfig | undefined,
): BatchSummary {
  const items: BatchSummary["items"] = [];
  const settled: BatchItem<O>[] = [];
  let reason: CompletionReason | undefined;
  units.forEach((_unit, index) => {
    const status = stored(index)?.Status;
    if (status === undefined) return;
    if (status === "STARTED") {
      items.push({ index, status: BatchItemStatus.STARTED });
      return;
    }
    const itemStatus = status === "SUCCEEDED" ? BatchItemStatus.SUCCEEDED : BatchItemStatus.FAILED;
    items.push({ index, status: itemStatus });
    settled.push({ index, status: itemStatus });
    reason ??= decideFor(settled, new Map(), units, config);
  });
  return { v: 1, reason: reason ?? "ALL_COMPLETED", items };
}

function executeUnits<O, C>(
  batch: ChildScope<C>,
  units: BatchUnit<O, C>[],
  config: BatchConfig<O>,
  kind: BatchKind,
  replayChildren: boolean,
  storedPlan: BatchSummary | undefined,
): Promise<BatchResult<O>> {
  const scope = batch.scope;
  const services = scope.services;
  const positions = scope.reserve(units.length);
  const descriptor = (index: number) => ({ type: "CONTEXT" as const, subType: kind.itemSubType, name: units[index].name });
  const summary = replayChildren
    ? (storedPlan ?? summaryFromLog(units, (index) => positions.peek(index), config.completionConfig))
    : undefined;
  const limit = pLimit(config.maxConcurrency ?? Number.POSITIVE_INFINITY);
  const settled: BatchItem<O>[] = [];
  const running = new Map<number, ChildScope<C>>();
  const replayed = summary ? new Map(summary.items.map((item) => [item.index, item.status])) : undefined;
  let decided = false;

  return new Promise<BatchResult<O>>((resolve, reject) => {
    const finish = (reason: CompletionReason) => {
      decided = true;
      const stillRunning = [...running.keys()];
      for (const child of running.values()) child.cancel(new CancelledError("BATCH_COMPLETED"));
      const started = [...stillRunning, ...replayedStarted(replayed)].map((index) => ({ index, status: BatchItemStatus.STARTED, name: units[index].name }));
      resolve(createBatchResult<O>([...settled, ...started], reason, units.length));
    };
    const settle = (item: BatchItem<O>) => {
      running.delete(item.index);
      if (decided) return;
      settled.push(item);
      let reason: CompletionReason | undefined;
      try {
        reason = summary?.reason ?? decideFor(settled, running, units, config.completionConfig);
      } catch (error) {
        // A throwing shouldComplete fails the batch: nothing more starts, running items stop.
        decided = true;
        for (const child of running.values()) child.cancel(new CancelledError("BATCH_COMPLETED"));
        reject(error);
        return;
      }
      if (reason !== undefined && (summary === undefined || settled.length === countFinished(summary))) finish(reason);
    };
    if (units.length === 0 || (summary && countFinished(summary) === 0)) {
      finish(summary?.reason ?? "ALL_COMPLETED");
      return;
    }
    const runUnit = async (index: number): Promise<void> => {
      if (decided) return; // the batch completed: nothing new starts
      const unit = units[index];
      const position = positions.at(index, descriptor(index));
      try {
        const result = await runClaimedChild<O, C>(
          scope,
          position,
          (child) => child.run((context) => unit.run(context)),
          { subType: kind.itemSubType, serdes: config.itemSerdes },
          (child) => running.set(index, child),
        );
        settle({ index, name: unit.name, status: BatchItemStatus.SUCCEEDED, result });
      } catch (error) {
        if (isTerminalError(error) || services.ended) {
          void services.escalate(error).catch(() => undefined);
          return;
        }
        if (decided && error instanceof CancelledError) return;
        settle({ index, name: unit.name, status: BatchItemStatus.FAILED, error: asChildError(error) });
      }
    };
    const planned = units.map((_unit, index) => index).filter((index) => {
      const status = replayed?.get(index);
      return !replayed || status === BatchItemStatus.SUCCEEDED || status === BatchItemStatus.FAILED;
    });
    // Items that finished in earlier invocations settle first, one at a time: they finished before any
    // item still open, so the policy sees them in that order again, whatever the concurrency limit.
    // They need no slot; the open and new ones then run under the limit in index order.
    const finishedEarlier = planned.filter((index) => isFinished(positions.peek(index)));
    const rest = planned.filter((index) => !isFinished(positions.peek(index)));
    void (async () => {
      for (const index of finishedEarlier) await runUnit(index);
      for (const index of rest) void limit(() => runUnit(index));
    })();
  });
}

function decideFor<O, C>(settled: BatchItem<O>[], running: Map<number, ChildScope<C>>, units: BatchUnit<O, C>[], config: CompletionConfig | undefined): CompletionReason | undefined {
  let successCount = 0;
  for (const item of settled) if (item.status === BatchItemStatus.SUCCEEDED) successCount += 1;
  return decideCompletion(
    {
      successCount,
      failureCount: settled.length - successCount,
      completedCount: settled.length,
      totalCount: units.length,
      // Only a custom shouldComplete reads the per-item view: build it only then.
      get items() {
        const statuses = new Map(settled.map((item) => [item.index, item.status]));
        for (const index of running.keys()) statuses.set(index, BatchItemStatus.STARTED);
        return units.map((unit, index) => ({ index, name: unit.name, status: statuses.get(index) }));
      },
    },
    config,
  );
}

function isFinished(stored: Operation | undefined): boolean {
  return stored !== undefined && stored.Status !== "STARTED";
}

function countFinished(summary: BatchSummary): number {
  return summary.items.filter((item) => item.status !== BatchItemStatus.STARTED).length;
}

function replayedStarted(replayed: Map<number, BatchItemStatus> | undefined): number[] {
  if (!replayed) return [];
  return [...replayed].filter(([, status]) => status === BatchItemStatus.STARTED).map(([index]) => index);
}

function asChildError(error: unknown): ChildContextError {
  if (error instanceof ChildContextError) return error;
  const cause = error instanceof Error ? error : new Error(String(error));
  return new ChildContextError(cause.message, cause);
}

/** Stores a BatchResult as its data form (item errors recorded losslessly) through `valueSerdes`. */
function batchResultSerdes<O>(valueSerdes: Serdes<unknown>, services: InvocationServices): Serdes<BatchResult<O>> {
  return {
    serialize: (result, context) =>
      valueSerdes.serialize(result === undefined ? undefined : batchResultToData(result, (e) => services.encodeError(e)), context),
    deserialize: async (data, context) => {
      const stored = (await valueSerdes.deserialize(data, context)) as BatchResultData | undefined;
      return stored === undefined ? undefined : batchResultFromData<O>(stored, (o) => services.decodeError(o));
    },
  };
}
