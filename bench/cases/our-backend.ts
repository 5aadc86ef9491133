/**
 * Figures 2–4 (child process, one per SDK): the SDK's handler driven by OUR runner and in-memory
 * backend, so both SDKs pay the same backend cost. Figure 2 subtracts the time spent inside the
 * backend; figure 3 counts what crossed the wire; figure 4 adds 20 ms to every checkpoint call.
 */
import { childArgs, reportAndExit } from "../lib/child.js";
import { profiled } from "../lib/inspector-profile.js";
import { assertSucceeded, runOnOurBackend, type WireStats } from "../lib/runners.js";
import { loadSdk, parseSdkId } from "../lib/sdks.js";
import { expected, sequentialSteps } from "../lib/workloads.js";

export interface OurBackendArgs {
  sdk: string;
  steps: number;
  runs: number;
  warmups: number;
  latencyMs: number;
  latencySteps: number;
  /** Profile the timed zero-latency runs into this .cpuprofile file (and skip the latency runs). */
  profilePath?: string;
}

export interface OurBackendResult {
  plain: { wallMs: number[]; wire: WireStats[] };
  latency: { wallMs: number[]; wire: WireStats[] };
}

const args = childArgs<OurBackendArgs>();
const sdk = await loadSdk(parseSdkId(args.sdk));

async function measure(steps: number, latencyMs: number, runs: number, warmups: number, profilePath?: string) {
  const handler = () => sdk.wrap(sequentialSteps(steps));
  for (let i = 0; i < warmups; i++) await runOnOurBackend(handler(), { latencyMs });
  const wallMs: number[] = [];
  const wire: WireStats[] = [];
  await profiled(profilePath, async () => {
    for (let i = 0; i < runs; i++) {
      const run = await runOnOurBackend(handler(), { latencyMs });
      assertSucceeded(run.outcome, expected.sequentialSteps(steps), `${sdk.id} on our backend, ${steps} steps, ${latencyMs} ms latency`);
      wallMs.push(run.wallMs);
      wire.push(run.wire);
    }
  });
  return { wallMs, wire };
}

const plain = await measure(args.steps, 0, args.runs, args.warmups, args.profilePath);
const latency = args.profilePath ? { wallMs: [], wire: [] } : await measure(args.latencySteps, args.latencyMs, args.runs, 0);
reportAndExit({ plain, latency } satisfies OurBackendResult);
