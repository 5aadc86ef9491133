/**
 * `exploreInterruptions` as the package exports it: the exploration loads on the first call, not
 * with the package.
 */
import type { DurableLambdaHandler } from "@durable-ts/sdk";
import type { ExploreOptions } from "./explore-interruptions.js";
import type { ExplorationReport } from "./report.js";

/**
 * Runs `handler` with `input` once uninterrupted (the baseline), then once per cut point with
 * the invocation cut at that checkpoint call, each on a fresh `LocalDurableTestRunner` that
 * re-invokes as the service would. Every interrupted run must:
 * - end like the baseline (status, and result or error type and message): else `outcome-mismatch`;
 * - never run a step body again once its SUCCEED was persisted: `completed-step-rerun`;
 * - never run an at-most-once attempt twice: `at-most-once-rerun`;
 * - show no non-determinism: `non-determinism`;
 * - finish within `runTimeoutMs`: `stuck`.
 *
 * Step bodies are observed through the event transport's `stepBodyOverride` seam (chained to the
 * runner's own, so step mocks still apply). Run state that lives outside the execution (a module
 * variable) is shared by all runs, since they run one after another in this process.
 *
 * A baseline that itself fails a check is reported alone, with no interrupted runs.
 *
 * @returns the report when every run passed.
 * @throws InterruptionExplorationError listing up to 10 failures, with the whole report.
 */
export async function exploreInterruptions<E>(handler: DurableLambdaHandler, input: E, options: ExploreOptions = {}): Promise<ExplorationReport> {
  const exploration = await import("./explore-interruptions.js");
  return exploration.exploreInterruptions(handler, input, options);
}
