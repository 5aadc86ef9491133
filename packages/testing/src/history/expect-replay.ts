/**
 * A one-line assertion for replay fixtures. It throws a plain `Error`, so it needs no test
 * framework import and works in vitest, jest or node:test alike:
 *
 * ```ts
 * it("still replays order-42", () => expectReplayMatches(handler, "test/fixtures/order-42.json"));
 * ```
 */
import type { DurableLambdaHandler } from "@durable-ts/sdk";
import type { HistoryFixture } from "./fixture.js";
import type { ReplayOptions, ReplayReport } from "./replay-history.js";
import { replayHistory } from "./replay-on-demand.js";

/** Thrown by {@link expectReplayMatches}; `report` says where and how the replay diverged. */
export class ReplayMismatchError extends Error {
  readonly report: ReplayReport;

  constructor(fixtureName: string, report: ReplayReport) {
    const divergence = report.divergence;
    const where = divergence
      ? `${divergence.position}${divergence.parentName !== undefined ? ` (in ${JSON.stringify(divergence.parentName)})` : ""}`
      : "unknown position";
    super(`Replay of ${fixtureName} diverged at ${where}: ${divergence?.message ?? "no details"}`);
    this.name = "ReplayMismatchError";
    this.report = report;
  }
}

/**
 * Replays `fixture` (a {@link HistoryFixture}, its JSON text, or a file path) against `handler`
 * and resolves with the report when it matches; rejects with a {@link ReplayMismatchError}
 * naming the position and the difference otherwise.
 */
export async function expectReplayMatches(handler: DurableLambdaHandler, fixture: HistoryFixture | string, options?: ReplayOptions): Promise<ReplayReport> {
  const report = await replayHistory(handler, fixture, options);
  if (!report.ok) {
    const name = typeof fixture === "string" && !fixture.trimStart().startsWith("{") ? fixture : "the history fixture";
    throw new ReplayMismatchError(name, report);
  }
  return report;
}
