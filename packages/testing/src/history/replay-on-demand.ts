/**
 * `replayHistory` as the package exports it: the replay machinery (a fake service, the
 * non-determinism check) loads on the first call, not with the package.
 */
import type { DurableLambdaHandler } from "@durable-ts/sdk";
import type { HistoryFixture } from "./fixture.js";
import type { ReplayOptions, ReplayReport } from "./replay-history.js";

/**
 * Replays saved operations against `handler` offline and reports the first divergence.
 *
 * The handler runs on a fake service whose state is the fixture's operations (pruned as the
 * service prunes them). Nothing is written and no step body runs: the replay stops at the
 * frontier, the first position the history does not hold completed. Reported divergences: a
 * different operation at a position (the SDK's non-determinism check), a context that ends
 * while the history still holds operations in it, and, for a history whose execution SUCCEEDED
 * or FAILED, a different outcome or code that goes on past the end (`position: "result"` /
 * the new operation's position).
 *
 * Never throws: an unreadable fixture or a handler that throws is reported as a divergence.
 *
 * @example
 * const report = await replayHistory(handler, "test/fixtures/order.json");
 * expect(report).toMatchObject({ ok: true });
 */
export async function replayHistory(handler: DurableLambdaHandler, history: HistoryFixture | string, options: ReplayOptions = {}): Promise<ReplayReport> {
  const replay = await import("./replay-history.js");
  return replay.replayHistory(handler, history, options);
}
