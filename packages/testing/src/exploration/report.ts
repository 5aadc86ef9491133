/** What interruption exploration reports: the cut modes, each failure, and the whole report. */

/**
 * Where an interrupted run is cut, at its k-th checkpoint call:
 * - `ack`: the call is applied and answered, and the invocation dies right then (nothing after it runs);
 * - `lost-response`: the call is applied, but the SDK gets a network error instead of the answer;
 * - `mid-batch`: only the first j updates of the call's batch are applied, as a request of their
 *   own, and the invocation dies before sending the rest (see `ExploreOptions.points`).
 */
export type CutMode = "ack" | "lost-response" | "mid-batch";

export type ExplorationFailureKind = "outcome-mismatch" | "completed-step-rerun" | "at-most-once-rerun" | "non-determinism" | "stuck";

/** How an execution ended: status, and the decoded result or the error's type and message. */
export interface ExplorationOutcome {
  status: string;
  result?: unknown;
  error?: { errorType?: string; errorMessage?: string };
}

export interface ExplorationFailure {
  /** The cut, e.g. "checkpoint 3 ack", "checkpoint 3 mid-batch 1/2", or "baseline". */
  point: string;
  detail: string;
  kind: ExplorationFailureKind;
}

/** What `exploreInterruptions` found. */
export interface ExplorationReport {
  baseline: ExplorationOutcome;
  /** Interrupted runs made (the baseline not counted). */
  runs: number;
  /** Cut points found in the baseline; more than `runs` when `maxRuns` capped them. */
  points: number;
  failures: ExplorationFailure[];
}
