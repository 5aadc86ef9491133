/**
 * Figures 2–4 (child process, one per SDK): the SDK's handler run by OUR LocalDurableTestRunner on
 * its InMemoryBackend, so both SDKs pay the same backend cost. Figure 2 takes the handler calls
 * minus the time spent inside the backend; figure 3 counts what crossed the wire; figure 4 adds a
 * simulated round trip to every checkpoint call.
 */
import { childArgs, reportAndExit } from "../lib/child-io.js";
import type { WireStats } from "../lib/drive.js";
import { ProfileRecorder } from "../lib/inspector-profile.js";
import { assertSucceeded, runOnOurRunner } from "../lib/runners.js";
import { loadSdk, parseSdkId } from "../lib/sdks.js";
import { expected, sequentialSteps } from "../lib/workloads.js";

export interface OurBackendArgs {
  sdk: string;
  steps: number;
  runs: number;
  warmups: number;
  latencyMs: number;
  latencySteps: number;
  /** Profile the handler calls of the timed zero-latency runs into this file (and skip the latency runs). */
  profilePath?: string;
}

export interface Measured {
  /** Whole `runner.run()` per run. */
  runMs: number[];
  /** The handler calls per run. */
  handlerMs: number[];
  wire: WireStats[];
}

export interface OurBackendResult {
  plain: Measured;
  latency: Measured;
}

const args = childArgs<OurBackendArgs>();
const sdk = await loadSdk(parseSdkId(args.sdk));

async function runOnce(steps: number, latencyMs: number, profile?: ProfileRecorder) {
  const run = await runOnOurRunner(sdk.wrap(sequentialSteps(steps)), { latencyMs, profile });
  assertSucceeded(run.outcome, expected.sequentialSteps(steps), `${sdk.id} on our runner, ${steps} steps, ${latencyMs} ms latency`);
  return run;
}

async function measure(steps: number, latencyMs: number, runs: number, warmups: number, profilePath?: string): Promise<Measured> {
  for (let i = 0; i < warmups; i++) await runOnce(steps, latencyMs);
  const result: Measured = { runMs: [], handlerMs: [], wire: [] };
  const profile = await ProfileRecorder.open(profilePath);
  for (let i = 0; i < runs; i++) {
    const run = await runOnce(steps, latencyMs, profile);
    result.runMs.push(run.runMs);
    result.handlerMs.push(run.handlerMs);
    result.wire.push(run.wire);
  }
  profile?.save();
  return result;
}

const plain = await measure(args.steps, 0, args.runs, args.warmups, args.profilePath);
const latency = args.profilePath ? { runMs: [], handlerMs: [], wire: [] } : await measure(args.latencySteps, args.latencyMs, args.runs, 0);
reportAndExit({ plain, latency } satisfies OurBackendResult);
