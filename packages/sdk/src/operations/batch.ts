import type { Operation } from "@aws-sdk/client-lambda";
import {
  BatchItemStatus,
  type NestingType,
  batchResultFromData,
  batchResultToData,
  createBatchResult,
  decideCompletion,
  IndexRanges,
  readBatchSummary,
  summarizeBatch,
  validateCompletionConfig,
  validateMaxConcurrency,
  type BatchItem,
  type BatchResult,
  type BatchResultData,
  type BatchPlan,
  type CompletionConfig,
  type CompletionReason,
} from "../concurrency/index.js";
import { CancelledError, ChildContextError, ConfigError, isTerminalError } from "../errors/index.js";
import { defaultSerdes, type Serdes } from "../serdes/index.js";
import { decodePayload, plainPayload } from "../replay/codec.js";
import { runClaimedChild } from "./child-context.js";
import type { ChildScope, InvocationServices, OperationScope, ReplayTracker, ReservedPositions } from "../replay/host.js";
import { FlatReplay } from "./flat-replay.js";

/**
 * The units of a batch (map items or parallel branches): their names, and how to run one. Held as
 * one function and a name list rather than a closure per unit, so a batch of 100,000 items costs a
 * string per item before it starts.
 */
export interface BatchUnits<O, C> {
  names: readonly string[];
  run(index: number, context: C): Promise<O>;
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
  /**
   * NESTED (default): each item is a CONTEXT operation holding its operations, its result recorded.
   * FLAT: items have no operation of their own; their operations sit directly under the batch's
   * CONTEXT (ids as under NESTED, ParentId the batch), which halves the updates of a map whose items
   * run one step. An unfinished batch replays its items over their recorded operations; those that
   * finished earlier settle in the order they first finished, so the result is NESTED's.
   */
  nesting?: NestingType | "NESTED" | "FLAT";
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
  units: BatchUnits<O, C>,
  config: BatchConfig<O>,
  kind: BatchKind,
  onChild?: (child: ChildScope<C>) => void,
): Promise<BatchResult<O>> {
  validateCompletionConfig(config.completionConfig, `${kind.field}.completionConfig`);
  if (config.maxConcurrency !== undefined) validateMaxConcurrency(config.maxConcurrency, `${kind.field}.maxConcurrency`);
  if (config.nesting !== undefined && config.nesting !== "NESTED" && config.nesting !== "FLAT") {
    throw new ConfigError(
      "INVALID_CONFIG",
      `${kind.field}.nesting must be "NESTED" or "FLAT" (NestingType), received ${JSON.stringify(config.nesting)}`,
      `${kind.field}.nesting`,
    );
  }
  const operation = scope.claim({ type: "CONTEXT", subType: kind.subType, name });
  const services = scope.services;
  const replayChildren = operation.stored?.Status === "SUCCEEDED" && operation.stored.ContextDetails?.ReplayChildren === true;
  const plan = replayChildren ? storedPlan(operation.stored) : undefined;
  return runClaimedChild<BatchResult<O>, C>(
    scope,
    operation,
    (batch) => batch.run(() => executeUnits(batch, units, config, kind, { replayChildren, plan, resumed: operation.stored !== undefined, id: operation.id })),
    {
      subType: kind.subType,
      serdes: config.serdes ?? batchResultSerdes<O>(scope.serdes, services),
      summaryGenerator: config.summaryGenerator ?? ((result) => JSON.stringify(summarizeBatch(result))),
    },
    onChild,
  );
}

/** With ReplayChildren, the stored payload is the summary written when the batch completed (unless a custom one). */
function storedPlan(stored: Operation | undefined): BatchPlan | undefined {
  try {
    return readBatchSummary(JSON.parse(stored?.ContextDetails?.Result ?? ""));
  } catch {
    return undefined;
  }
}

/**
 * Under a custom summary the decision is rebuilt from the items' own records: finished items are
 * replayed, items recorded STARTED were running when the batch completed, the reason is the first
 * one the policy reaches over the finished items in index order.
 */
function planFromLog<O, C>(units: BatchUnits<O, C>, stored: (index: number) => Operation | undefined, config: CompletionConfig | undefined): BatchPlan {
  const finished: number[] = [];
  const started: number[] = [];
  const counts = { success: 0, failure: 0 };
  const settled: BatchItem<O>[] = [];
  let reason: CompletionReason | undefined;
  for (let index = 0; index < units.names.length; index++) {
    const status = stored(index)?.Status;
    if (status === undefined) continue;
    if (status === "STARTED") {
      started.push(index);
      continue;
    }
    finished.push(index);
    const itemStatus = status === "SUCCEEDED" ? BatchItemStatus.SUCCEEDED : BatchItemStatus.FAILED;
    counts[itemStatus === BatchItemStatus.SUCCEEDED ? "success" : "failure"] += 1;
    settled.push({ index, status: itemStatus });
    reason ??= decideFor(counts, settled, new Map(), units, config);
  }
  return { reason: reason ?? "ALL_COMPLETED", finished: IndexRanges.fromSorted(finished), started: IndexRanges.fromSorted(started) };
}

function executeUnits<O, C>(
  batch: ChildScope<C>,
  units: BatchUnits<O, C>,
  config: BatchConfig<O>,
  kind: BatchKind,
  history: { replayChildren: boolean; plan: BatchPlan | undefined; resumed: boolean; id: string },
): Promise<BatchResult<O>> {
  const { replayChildren, plan: storedPlan } = history;
  const scope = batch.scope;
  const services = scope.services;
  const count = units.names.length;
  const positions = scope.reserve(count);
  const descriptor = (index: number) => ({ type: "CONTEXT" as const, subType: kind.itemSubType, name: units.names[index] });
  const flat = config.nesting === "FLAT";
  // FLAT items leave no record of their own: without the stored summary, the batch decides afresh.
  const plan = replayChildren ? (storedPlan ?? (flat ? undefined : planFromLog(units, (index) => positions.peek(index), config.completionConfig))) : undefined;
  const settled: BatchItem<O>[] = [];
  const counts = { success: 0, failure: 0 };
  const running = new Map<number, ChildScope<C>>();
  let decided = false;

  return new Promise<BatchResult<O>>((resolve, reject) => {
    const finish = (reason: CompletionReason) => {
      decided = true;
      const stillRunning = [...running.keys()];
      for (const child of running.values()) child.cancel(new CancelledError("BATCH_COMPLETED"));
      const started = [...stillRunning, ...(plan?.started ?? [])].map((index) => ({ index, status: BatchItemStatus.STARTED, name: units.names[index] }));
      resolve(createBatchResult<O>([...settled, ...started], reason, units.names.length));
    };
    const settle = (item: BatchItem<O>) => {
      running.delete(item.index);
      if (decided) return;
      settled.push(item);
      counts[item.status === BatchItemStatus.SUCCEEDED ? "success" : "failure"] += 1;
      let reason: CompletionReason | undefined;
      try {
        reason = plan?.reason ?? decideFor(counts, settled, running, units, config.completionConfig);
      } catch (error) {
        // A throwing shouldComplete fails the batch: nothing more starts, running items stop.
        decided = true;
        for (const child of running.values()) child.cancel(new CancelledError("BATCH_COMPLETED"));
        reject(error);
        return;
      }
      if (reason !== undefined && (plan === undefined || settled.length === plan.finished.size)) finish(reason);
    };
    if (count === 0 || (plan && plan.finished.size === 0)) {
      finish(plan?.reason ?? "ALL_COMPLETED");
      return;
    }
    /** Runs one unit and settles it (through `replay`, for a FLAT item that started in an earlier invocation). */
    // One reaction per item on the item's own promise (no async frame: a promise less per item).
    const runUnit = (index: number, replay?: FlatReplay): Promise<void> => {
      if (decided) return Promise.resolve(replay?.deliver(index, undefined)); // the batch completed: nothing new starts
      const deliver = (item: BatchItem<O>) => (replay ? replay.deliver(index, () => settle(item)) : settle(item));
      let started: Promise<O>;
      try {
        started = flat
          ? runVirtualItem(scope, positions.rawId(index), units, index, (child) => running.set(index, child), replay?.tracker(index))
          : runClaimedChild<O, C>(
              scope,
              positions.at(index, descriptor(index)),
              (child) => child.run((context) => units.run(index, context)),
              { subType: kind.itemSubType, serdes: config.itemSerdes },
              (child) => running.set(index, child),
            );
      } catch (error) {
        started = Promise.reject(error);
      }
      return started.then(
        (result) => deliver({ index, name: units.names[index], status: BatchItemStatus.SUCCEEDED, result }),
        (error: unknown) => {
          if (isTerminalError(error) || services.ended) {
            void services.escalate(error).catch(() => undefined);
            return replay?.deliver(index, undefined);
          }
          if (decided && error instanceof CancelledError) return replay?.deliver(index, undefined);
          return deliver({ index, name: units.names[index], status: BatchItemStatus.FAILED, error: asChildError(error) });
        },
      );
    };
    // FLAT items 0…flatStarted-1 started in earlier invocations: they run again first (see FlatReplay).
    const flatStarted = flat && !plan && history.resumed ? startedFlatItems(positions, count, recordedUnder(services, history.id)) : 0;
    // On replay only the items that finished before the batch completed run again (over their records).
    const planned = plan ? () => plan.finished[Symbol.iterator]() : () => ascending(flatStarted, count);
    // A batch the history does not hold yet has no item records: nothing to look up per item.
    const finishedEarlier = history.resumed ? filter(planned, (index) => isFinished(positions.peek(index))) : () => ascending(0, 0);
    const rest = history.resumed ? filter(planned, (index) => !isFinished(positions.peek(index)))() : planned();
    // A fixed pool of maxConcurrency workers pulls the next index when one of its items settles, so
    // nothing is queued per item: memory follows the concurrency, not the item count.
    const work = async (next: IteratorResult<number>) => {
      for (; !next.done && !decided; next = rest.next()) await runUnit(next.value);
    };
    const startWorkers = (workers: number) => {
      for (let started = 0; started < workers && !decided; started++) {
        const first = rest.next();
        if (first.done) break;
        void work(first);
      }
    };
    const limit = config.maxConcurrency ?? Number.POSITIVE_INFINITY;
    if (flatStarted > 0) {
      // Started FLAT items all run again at once: the finished ones hold no slot and the live ones
      // held theirs when the last invocation ended. A live one then frees its slot as any item does.
      const replay = new FlatReplay(flatStarted, (liveItems) => startWorkers(limit - liveItems));
      for (let index = 0; index < flatStarted; index++) {
        void runUnit(index, replay).then(() => (replay.isLive(index) ? work(rest.next()) : undefined));
      }
      return;
    }
    void (async () => {
      // Items that finished in earlier invocations settle first, one at a time: they finished before any
      // item still open, so the policy sees them in that order again, whatever the concurrency limit.
      // They need no slot; the open and new ones then run under the limit in index order.
      for (const index of finishedEarlier()) await runUnit(index);
      startWorkers(limit);
    })();
  });
}

/**
 * A FLAT item: its body in a virtual child (no CONTEXT, nothing written for the item itself). Its
 * result is recorded only as part of the batch's; until then a replay runs the body again over the
 * item's recorded operations. A cancelled item rejects with its cancellation error.
 */
async function runVirtualItem<O, C>(
  scope: OperationScope<C>,
  rawId: string,
  units: BatchUnits<O, C>,
  index: number,
  onChild: (child: ChildScope<C>) => void,
  tracker: ReplayTracker | undefined,
): Promise<O> {
  const child = scope.createVirtualChild(rawId, units.names[index], tracker);
  onChild(child);
  let result: O;
  try {
    result = await child.run((context) => units.run(index, context));
    child.assertEnded();
  } catch (error) {
    if (isTerminalError(error)) throw error;
    throw child.cancelled ?? error;
  }
  if (child.cancelled) throw child.cancelled;
  return result;
}

function* ascending(from: number, to: number): Generator<number> {
  for (let index = from; index < to; index++) yield index;
}

/**
 * How many FLAT items started in earlier invocations. Items start in index order, so it is all up
 * to the last one the history holds operations of (an item without operations leaves no trace).
 * The scan stops once it has met all `recorded` operations the items hold directly, so it costs
 * about what their replay costs, not a look-up per item of the batch.
 */
function startedFlatItems(positions: ReservedPositions, count: number, recorded: number): number {
  let started = 0;
  for (let index = 0, found = 0; index < count && found < recorded; index++) {
    let position = 1;
    while (positions.peekUnder(index, position) !== undefined) position++;
    if (position > 1) started = index + 1;
    found += position - 1;
  }
  return started;
}

/** How many operations the history holds directly under the operation `id` (a FLAT batch: its items' own). */
function recordedUnder(services: InvocationServices, id: string): number {
  let count = 0;
  for (const operation of services.log.values()) if (operation.ParentId === id) count++;
  return count;
}

function filter(source: () => Iterator<number>, keep: (index: number) => boolean): () => Generator<number> {
  return function* () {
    const iterator = source();
    for (let next = iterator.next(); !next.done; next = iterator.next()) if (keep(next.value)) yield next.value;
  };
}

function decideFor<O, C>(
  counts: { success: number; failure: number },
  settled: BatchItem<O>[],
  running: Map<number, ChildScope<C>>,
  units: BatchUnits<O, C>,
  config: CompletionConfig | undefined,
): CompletionReason | undefined {
  // Counts are kept as items settle: recounting the settled list per item made a batch quadratic.
  return decideCompletion(
    {
      successCount: counts.success,
      failureCount: counts.failure,
      completedCount: counts.success + counts.failure,
      totalCount: units.names.length,
      // Only a custom shouldComplete reads the per-item view: build it only then.
      get items() {
        const statuses = new Map(settled.map((item) => [item.index, item.status]));
        for (const index of running.keys()) statuses.set(index, BatchItemStatus.STARTED);
        return units.names.map((name, index) => ({ index, name, status: statuses.get(index) }));
      },
    },
    config,
  );
}

function isFinished(stored: Operation | undefined): boolean {
  return stored !== undefined && stored.Status !== "STARTED";
}

function asChildError(error: unknown): ChildContextError {
  if (error instanceof ChildContextError) return error;
  const cause = error instanceof Error ? error : new Error(String(error));
  return new ChildContextError(cause.message, cause);
}

/** Stores a BatchResult as its data form (item errors recorded losslessly) through `valueSerdes`. */
function batchResultSerdes<O>(valueSerdes: Serdes<unknown>, services: InvocationServices): Serdes<BatchResult<O>> {
  return {
    serialize: async (result, context) => {
      const data = result === undefined ? undefined : batchResultToData(result, (e) => services.encodeError(e));
      // A data form of plain JSON skips the default serdes's walk (one per item otherwise).
      return (plainPayload(valueSerdes, data) ?? { payload: await valueSerdes.serialize(data, context) }).payload;
    },
    deserialize: async (data, context) => {
      const stored = (await (valueSerdes === defaultSerdes ? decodePayload(valueSerdes, data, () => context) : valueSerdes.deserialize(data, context))) as
        BatchResultData | undefined;
      return stored === undefined ? undefined : batchResultFromData<O>(stored, (o) => services.decodeError(o));
    },
  };
}
