import type { ExplorationReport } from "./report.js";

/**
 * Thrown by `exploreInterruptions` when an interrupted run (or the baseline) failed a check.
 * The message lists the first failures; `report` holds all of them.
 */
export class InterruptionExplorationError extends Error {
  readonly report: ExplorationReport;

  constructor(report: ExplorationReport, listed: number) {
    const lines = report.failures.slice(0, listed).map((f) => `- ${f.point}: ${f.kind}: ${f.detail}`);
    const more = report.failures.length > listed ? [`… and ${report.failures.length - listed} more`] : [];
    const runs = new Set(report.failures.map((f) => f.point)).size;
    super(
      [
        `exploreInterruptions: ${report.failures.length} failure(s) in ${runs} run(s) of ${report.runs} interrupted run(s) (baseline ${report.baseline.status}):`,
        ...lines,
        ...more,
      ].join("\n"),
    );
    this.name = "InterruptionExplorationError";
    this.report = report;
  }
}
