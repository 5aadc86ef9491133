/**
 * Names the official SDK exports for types this SDK already has under its own names, so code
 * written against it compiles unchanged. Each is the same type (or its exact equivalent).
 */
import type { DurableContext } from "../context/durable-context.js";
import type { CompletionConfig, CompletionState } from "../concurrency/index.js";
import type { BatchConfig } from "../operations/batch.js";
import type { DurableLogData, DurableLogger } from "../logging/index.js";
import type { Deserializer, Serdes } from "../serdes/index.js";
import type { WaitStrategy } from "../retry/index.js";

/** The SubType strings the SDK writes, by operation (protocol §3). */
export enum OperationSubType {
  STEP = "Step",
  WAIT = "Wait",
  CALLBACK = "Callback",
  RUN_IN_CHILD_CONTEXT = "RunInChildContext",
  MAP = "Map",
  MAP_ITERATION = "MapIteration",
  PARALLEL = "Parallel",
  PARALLEL_BRANCH = "ParallelBranch",
  WAIT_FOR_CALLBACK = "WaitForCallback",
  WAIT_FOR_CONDITION = "WaitForCondition",
  CHAINED_INVOKE = "ChainedInvoke",
}

/** A serdes for any value. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official SDK's name; Serdes<T> is invariant, so only `any` accepts every serdes
export type AnySerdes = Serdes<any>;
/** A deserialize-only serdes for any value (callback results). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official SDK's name; accepts a deserializer of any type
export type AnySerdesDeserializer = Deserializer<any>;
/** What `context.configureSerdes` takes. */
export interface SerdesConfig {
  /** Serdes of step, child context, invoke and condition values. */
  defaultSerdes?: AnySerdes;
  /** Reader of callback results (default: the raw string), independent of `defaultSerdes`. */
  defaultCallbackDeserializer?: AnySerdesDeserializer;
}

/** What a logger's `configureDurableLoggingContext` receives. */
export interface DurableLoggingContext {
  getDurableLogData: () => DurableLogData;
}

/** Thresholds form of {@link CompletionConfig}. */
export type ThresholdCompletionConfig = Omit<CompletionConfig, "shouldComplete"> & { shouldComplete?: never };
/** Custom-rule form of {@link CompletionConfig}. */
export interface CustomCompletionConfig {
  shouldComplete: NonNullable<CompletionConfig["shouldComplete"]>;
  minSuccessful?: never;
  toleratedFailureCount?: never;
  toleratedFailurePercentage?: never;
}
/** What `shouldComplete` sees. */
export type CompletionStatus = CompletionState;
/** One item as `shouldComplete` sees it. */
export type CompletionItemStatus = CompletionState["items"][number];

/** Settings shared by map and parallel (the official name). */
export type ConcurrencyConfig<TResult> = BatchConfig<TResult>;
/** One unit of a map or parallel as the official executor sees it. */
export interface ConcurrentExecutionItem<T> {
  id: string;
  data: T;
  index: number;
  name?: string;
}
/** Runs one {@link ConcurrentExecutionItem} in its child context. */
export type ConcurrentExecutor<TItem, TResult, Logger extends DurableLogger> = (
  item: ConcurrentExecutionItem<TItem>,
  childContext: DurableContext<Logger>,
) => Promise<TResult>;

/** What a wait strategy returns: poll again after `delay`, or stop. */
export type WaitForConditionDecision = ReturnType<WaitStrategy<unknown>>;
/** `WaitForConditionConfig.waitStrategy`. */
export type WaitForConditionWaitStrategyFunc<T> = WaitStrategy<T>;
