import { ConfigError } from "../errors/index.js";
import type { BatchItemStatus } from "./batch-item-status.js";

/**
 * What `shouldComplete` sees after each item of a `map` or `parallel` settles.
 *
 * `items` lists every input item in index order; `status` is absent for an
 * item that has not started yet.
 */
export interface CompletionState {
  /** Items that succeeded so far. */
  successCount: number;
  /** Items that failed so far. */
  failureCount: number;
  /** Items that settled so far (`successCount + failureCount`). */
  completedCount: number;
  /** Number of input items. */
  totalCount: number;
  /** Every input item, in index order. */
  items: { index: number; name?: string; status?: BatchItemStatus }[];
}

/** How a batch ended by a custom `shouldComplete` decision reports itself. */
export enum CompletionOutcome {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}

/** Whether a custom `shouldComplete` ends the batch; build it with {@link continueBatch} or {@link completeBatch}. */
export type CompletionDecision = { complete: false } | { complete: true; outcome: CompletionOutcome };

/**
 * When a `map` or `parallel` stops starting items and returns.
 *
 * Either thresholds (`minSuccessful`, `toleratedFailureCount`,
 * `toleratedFailurePercentage`) or `shouldComplete`, never both. With none of
 * them set, the first item failure ends the batch (fail-fast). The order in
 * which the criteria apply is given by {@link decideCompletion}.
 */
export interface CompletionConfig {
  /** End the batch once this many items succeeded. An integer ≥ 1. Alone, it tolerates any number of failures. */
  minSuccessful?: number;
  /** End the batch once more than this many items failed. An integer ≥ 0; unset tolerates any number. */
  toleratedFailureCount?: number;
  /** End the batch once more than this percentage of all items failed. A number in 0–100; unset tolerates any. */
  toleratedFailurePercentage?: number;
  /**
   * Custom rule, called after each item settles. Returning `completeBatch(outcome)` ends the batch with
   * `CUSTOM_COMPLETION_<outcome>`; returning `continueBatch()` lets it go on until every item settled.
   * Cannot be combined with the thresholds. An exception it throws propagates to the caller.
   */
  shouldComplete?: (s: CompletionState) => CompletionDecision;
}

/** How map items and parallel branches are recorded as operations (`MapConfig.nesting`). */
export enum NestingType {
  /** Each item is a child context with its own CONTEXT operation under the batch (default). */
  NESTED = "NESTED",
  /** Each item is a virtual child context (see `ChildConfig.virtualContext`): no CONTEXT operation per item. */
  FLAT = "FLAT",
}

/** Why a batch ended; reported as `BatchResult.completionReason`. */
export type CompletionReason = "ALL_COMPLETED" | "MIN_SUCCESSFUL_REACHED" | "FAILURE_TOLERANCE_EXCEEDED" | "CUSTOM_COMPLETION_SUCCEEDED" | "CUSTOM_COMPLETION_FAILED";

const COMPLETION_REASONS: ReadonlySet<string> = new Set<CompletionReason>([
  "ALL_COMPLETED",
  "MIN_SUCCESSFUL_REACHED",
  "FAILURE_TOLERANCE_EXCEEDED",
  "CUSTOM_COMPLETION_SUCCEEDED",
  "CUSTOM_COMPLETION_FAILED",
]);

/** True when `value` is one of the {@link CompletionReason} strings. */
export function isCompletionReason(value: unknown): value is CompletionReason {
  return typeof value === "string" && COMPLETION_REASONS.has(value);
}

/** A {@link CompletionDecision} that lets the batch go on. */
export function continueBatch(): CompletionDecision {
  return { complete: false };
}

/** A {@link CompletionDecision} that ends the batch with `outcome` (default SUCCEEDED). */
export function completeBatch(outcome: CompletionOutcome = CompletionOutcome.SUCCEEDED): CompletionDecision {
  return { complete: true, outcome };
}

function show(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (typeof value === "number" || typeof value === "bigint" || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function invalid(field: string, value: unknown, accepted: string): ConfigError {
  return new ConfigError("INVALID_CONFIG", `Invalid ${field}: received ${show(value)}; expected ${accepted}`, field);
}

function isIntegerAtLeast(value: unknown, min: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min;
}

const THRESHOLDS = ["minSuccessful", "toleratedFailureCount", "toleratedFailurePercentage"] as const;

/**
 * Checks a completion config before a batch starts. `undefined` is valid
 * (fail-fast).
 *
 * @param field - where the config was given, e.g. `"map config.completionConfig"`; error fields are
 *   `${field}.minSuccessful` and so on.
 * @throws ConfigError `INVALID_CONFIG` (terminal) naming the field, the value and the accepted range, when
 *   `minSuccessful` is not an integer ≥ 1, `toleratedFailureCount` not an integer ≥ 0,
 *   `toleratedFailurePercentage` not a number in 0–100, `shouldComplete` not a function, or
 *   `shouldComplete` is combined with a threshold.
 */
export function validateCompletionConfig(config: CompletionConfig | undefined, field: string): void {
  if (config === undefined) return;
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw invalid(field, config, "a completion config object");
  }
  const { minSuccessful, toleratedFailureCount, toleratedFailurePercentage, shouldComplete } = config;
  if (minSuccessful !== undefined && !isIntegerAtLeast(minSuccessful, 1)) {
    throw invalid(`${field}.minSuccessful`, minSuccessful, "an integer >= 1");
  }
  if (toleratedFailureCount !== undefined && !isIntegerAtLeast(toleratedFailureCount, 0)) {
    throw invalid(`${field}.toleratedFailureCount`, toleratedFailureCount, "an integer >= 0");
  }
  const pct = toleratedFailurePercentage;
  if (pct !== undefined && (typeof pct !== "number" || !(pct >= 0 && pct <= 100))) {
    throw invalid(`${field}.toleratedFailurePercentage`, pct, "a number from 0 to 100");
  }
  if (shouldComplete === undefined) return;
  if (typeof shouldComplete !== "function") {
    throw invalid(`${field}.shouldComplete`, shouldComplete, "a function (state) => CompletionDecision");
  }
  const mixed = THRESHOLDS.filter((key) => config[key] !== undefined);
  if (mixed.length > 0) {
    throw invalid(
      `${field}.shouldComplete`,
      shouldComplete,
      `shouldComplete alone, without minSuccessful, toleratedFailureCount or toleratedFailurePercentage ` + `(also set: ${mixed.join(", ")})`,
    );
  }
}

/**
 * Checks `maxConcurrency` (the bound on in-flight items). `undefined` is
 * valid (unlimited).
 *
 * @throws ConfigError `INVALID_CONFIG` (terminal) naming `field` when the value is not an integer ≥ 1.
 */
export function validateMaxConcurrency(value: unknown, field: string): void {
  if (value !== undefined && !isIntegerAtLeast(value, 1)) throw invalid(field, value, "an integer >= 1");
}

function customReason(decision: unknown): CompletionReason | undefined {
  const field = "completionConfig.shouldComplete";
  if (typeof decision !== "object" || decision === null) {
    throw invalid(field, decision, "shouldComplete to return continueBatch() or completeBatch(outcome)");
  }
  const { complete, outcome } = decision as { complete?: unknown; outcome?: unknown };
  if (complete === false) return undefined;
  if (complete !== true) {
    throw invalid(field, decision, "shouldComplete to return continueBatch() or completeBatch(outcome)");
  }
  if (outcome === undefined || outcome === CompletionOutcome.SUCCEEDED) return "CUSTOM_COMPLETION_SUCCEEDED";
  if (outcome === CompletionOutcome.FAILED) return "CUSTOM_COMPLETION_FAILED";
  throw invalid(field, decision, "an outcome of SUCCEEDED or FAILED");
}

/**
 * Decides whether a batch ends, called after each item settles (and once up
 * front, for empty input). The first rule that holds gives the reason:
 *
 * 1. `shouldComplete` returns `completeBatch(outcome)` → `CUSTOM_COMPLETION_SUCCEEDED|FAILED`
 *    (an outcome left out reads as SUCCEEDED).
 * 2. No criterion at all is set and an item failed → `FAILURE_TOLERANCE_EXCEEDED` (fail-fast).
 * 3. `failureCount > toleratedFailureCount`, or `failureCount·100/totalCount > toleratedFailurePercentage`
 *    → `FAILURE_TOLERANCE_EXCEEDED`. An unset threshold tolerates any number of failures, so with only
 *    `minSuccessful` (or only `shouldComplete`) failures are unlimited.
 * 4. Every item settled (`completedCount === totalCount`) → `ALL_COMPLETED`.
 * 5. `successCount ≥ minSuccessful` → `MIN_SUCCESSFUL_REACHED`.
 *
 * Empty input (`totalCount` 0) gives `ALL_COMPLETED` at once, without calling `shouldComplete`.
 * A `minSuccessful` above `totalCount` is never reached; such a batch ends by rule 4.
 *
 * @returns the reason the batch ends, or `undefined` to go on.
 * @throws ConfigError when `shouldComplete` returns something other than a {@link CompletionDecision};
 *   whatever `shouldComplete` throws propagates.
 */
export function decideCompletion(state: CompletionState, config: CompletionConfig | undefined): CompletionReason | undefined {
  const { successCount, failureCount, completedCount, totalCount } = state;
  if (totalCount === 0) return "ALL_COMPLETED";
  const { minSuccessful, toleratedFailureCount, toleratedFailurePercentage, shouldComplete } = config ?? {};

  if (shouldComplete !== undefined) {
    const reason = customReason(shouldComplete(state));
    if (reason !== undefined) return reason;
  }
  const noCriterion = shouldComplete === undefined && minSuccessful === undefined && toleratedFailureCount === undefined && toleratedFailurePercentage === undefined;
  if (noCriterion && failureCount > 0) return "FAILURE_TOLERANCE_EXCEEDED";
  if (toleratedFailureCount !== undefined && failureCount > toleratedFailureCount) return "FAILURE_TOLERANCE_EXCEEDED";
  if (toleratedFailurePercentage !== undefined && (failureCount * 100) / totalCount > toleratedFailurePercentage) {
    return "FAILURE_TOLERANCE_EXCEEDED";
  }
  if (completedCount >= totalCount) return "ALL_COMPLETED";
  if (minSuccessful !== undefined && successCount >= minSuccessful) return "MIN_SUCCESSFUL_REACHED";
  return undefined;
}
