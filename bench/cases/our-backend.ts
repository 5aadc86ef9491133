/**
 * Figures 2–4 (child process, one per SDK): the SDK's handler driven directly by OUR in-memory
 * backend, so both SDKs pay the same backend cost. One invocation runs all N steps and answers.
 * Figure 2 subtracts the time spent inside the backend; figure 3 counts what crossed the wire;
 * figure 4 adds a simulated round trip to every checkpoint call.
 */
import { childArgs, reportAndExit } from "../lib/child.js";
import { invoke, startExecution, type WireStats } from "../lib/drive.js";
import { ProfileRecorder } from "../lib/inspector-profile.js";
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
  wallMs: number[];
  wire: WireStats[];
}

export interface OurBackendResult {
  plain: Measured;
  latency: Measured;
}

const args = childArgs<OurBackendArgs>();
const sdk = await loadSdk(parseSdkId(args.sdk));

async function runOnce(steps: number, latencyMs: number, profile?: ProfileRecorder) {
  const run = await invoke(startExecution(), sdk.wrap(sequentialSteps(steps)), { latencyMs, profile });
  const want = String(expected.sequentialSteps(steps));
  if (run.answer.Status !== "SUCCEEDED" || run.answer.Result !== want) {
    throw new Error(`${sdk.id} on our backend, ${steps} steps, ${latencyMs} ms latency: expected SUCCEEDED with ${want}, got ${JSON.stringify(run.answer)}`);
  }
  return run;
}

async function measure(steps: number, latencyMs: number, runs: number, warmups: number, profilePath?: string): Promise<Measured> {
  for (let i = 0; i < warmups; i++) await runOnce(steps, latencyMs);
  const result: Measured = { wallMs: [], wire: [] };
  const profile = await ProfileRecorder.open(profilePath);
  for (let i = 0; i < runs; i++) {
    const run = await runOnce(steps, latencyMs, profile);
    result.wallMs.push(run.wallMs);
    result.wire.push(run.wire);
  }
  profile?.save();
  return result;
}

const plain = await measure(args.steps, 0, args.runs, args.warmups, args.profilePath);
const latency = args.profilePath ? { wallMs: [], wire: [] } : await measure(args.latencySteps, args.latencyMs, args.runs, 0);
reportAndExit({ plain, latency } satisfies OurBackendResult);
