/**
 * History fixtures, offline replay and interruption exploration (docs/testing/history-and-replay.md).
 */
export { fetchHistory, historyFixtureFrom, loadHistory, readHistoryEvents } from "./fixture.js";
export type { HistoryEventSource, HistoryFixture, LambdaClientLike } from "./fixture.js";
export { replayHistory } from "./replay-history.js";
export type { ReplayDivergence, ReplayOptions, ReplayReport } from "./replay-history.js";
export { expectReplayMatches, ReplayMismatchError } from "./expect-replay.js";
export { exploreInterruptions } from "./explore-interruptions.js";
export type { CutMode, ExplorationFailure, ExplorationFailureKind, ExplorationOutcome, ExplorationReport, ExploreOptions } from "./explore-interruptions.js";
export { InterruptionExplorationError } from "./interruption-error.js";
