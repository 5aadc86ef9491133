/**
 * Figure 1 (child process, one per SDK): wall time of sequential tiny steps on the SDK's own local
 * runner with time skipping on. The official runner installs global fake timers, hence the process.
 */
import { childArgs, reportAndExit } from "../lib/child-io.js";
import { now } from "../lib/clock.js";
import { profiled } from "../lib/inspector-profile.js";
import { assertSucceeded, ownRunnerKit, type RunnerKit } from "../lib/runners.js";
import { loadSdk, parseSdkId, type BenchSdk } from "../lib/sdks.js";
import { expected, sequentialSteps } from "../lib/workloads.js";

export interface RunnerStepsArgs {
  sdk: string;
  sizes: number[];
  runs: number;
  /** Untimed runs of each size up to 100 steps before timing (JIT warm-up). */
  warmups: number;
  /** Profile the timed runs into this .cpuprofile file (the timings are then not reported). */
  profilePath?: string;
}

export interface RunnerStepsResult {
  /** The very first run in the process (1 step): what the first test of a suite pays. */
  firstRunMs: number;
  /** Wall time of each timed run, per size. */
  wallMs: Record<string, number[]>;
}

async function timedRun(kit: RunnerKit, sdk: BenchSdk, steps: number): Promise<number> {
  const runner = kit.create(sdk.wrap(sequentialSteps(steps)));
  const started = now();
  const outcome = await runner.run();
  const wallMs = now() - started;
  assertSucceeded(outcome, expected.sequentialSteps(steps), `${sdk.id} runner, ${steps} steps`);
  return wallMs;
}

const args = childArgs<RunnerStepsArgs>();
const sdk = await loadSdk(parseSdkId(args.sdk));
const kit = await ownRunnerKit(sdk.id);
const firstRunMs = await timedRun(kit, sdk, 1);
// Warm-up: every size up to 100 steps (larger sizes run the same code paths; the official runner
// needs ~20 ms per step, so warming it up at 1,000 steps would cost more than the figure).
for (const size of args.sizes.filter((s) => s <= 100)) {
  for (let i = 0; i < args.warmups; i++) await timedRun(kit, sdk, size);
}
const wallMs: Record<string, number[]> = {};
await profiled(args.profilePath, async () => {
  for (const size of args.sizes) {
    wallMs[size] = [];
    for (let i = 0; i < args.runs; i++) wallMs[size].push(await timedRun(kit, sdk, size));
  }
});
await kit.teardown();
reportAndExit({ firstRunMs, wallMs } satisfies RunnerStepsResult);
