/**
 * Systematic interruption testing: runs a workflow on the local runner with the invocation cut at
 * every checkpoint call (docs/testing/history-and-replay.md). Built on runners/ and history/.
 */
export { exploreInterruptions } from "./explore-on-demand.js";
export type { ExploreOptions } from "./explore-interruptions.js";
export type { CutMode, ExplorationFailure, ExplorationFailureKind, ExplorationOutcome, ExplorationReport } from "./report.js";
export { InterruptionExplorationError } from "./interruption-error.js";
