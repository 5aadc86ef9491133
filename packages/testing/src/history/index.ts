/**
 * History fixtures and offline replay (docs/testing/history-and-replay.md); interruption
 * exploration, which runs the local runner, lives in ../exploration/.
 */
export { fetchHistory, historyFixtureFrom, loadHistory, readHistoryEvents } from "./fixture.js";
export type { HistoryEventSource, HistoryFixture, LambdaClientLike } from "./fixture.js";
export { replayHistory } from "./replay-on-demand.js";
export type { ReplayDivergence, ReplayOptions, ReplayReport } from "./replay-history.js";
export { expectReplayMatches, ReplayMismatchError } from "./expect-replay.js";
