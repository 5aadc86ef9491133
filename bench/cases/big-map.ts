/**
 * Figure 8 (one fresh child process per run): `context.map` over 10,000 and 100,000 small items on
 * our runner; wall time, the process's peak RSS and the checkpoint calls the backend received.
 * Our SDK only: the point is that such a map completes, and what it costs.
 */
import { childArgs, reportAndExit } from "../lib/child-io.js";
import { now } from "../lib/clock.js";
import { profiled } from "../lib/inspector-profile.js";
import { assertSucceeded } from "../lib/runners.js";
import { loadSdk } from "../lib/sdks.js";
import { expected, mapItems } from "../lib/workloads.js";

export interface BigMapArgs {
  items: number;
  maxConcurrency: number;
  profilePath?: string;
}

export interface BigMapResult {
  wallMs: number;
  peakRssMb: number;
  baselineRssMb: number;
  checkpointCalls: number;
}

const args = childArgs<BigMapArgs>();
const sdk = await loadSdk("ours");
const { LocalDurableTestRunner } = await import("@durable-ts/testing");
const runner = new LocalDurableTestRunner({ handlerFunction: sdk.wrap(mapItems(args.items, args.maxConcurrency)) as never, skipTime: true });
const baselineRssMb = process.resourceUsage().maxRSS / 1024;
const started = now();
// The runner's default 30 s wall limit is for tests; a 100,000-item map on a loaded machine runs longer.
const result = await profiled(args.profilePath, () => runner.run({ payload: {}, timeoutMs: 1_800_000 }));
const wallMs = now() - started;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const status = String(result.getStatus());
assertSucceeded(
  status === "SUCCEEDED" ? { status, result: result.getResult() } : { status, result: undefined, error: result.getError() },
  expected.mapItems(args.items),
  `map over ${args.items} items`,
);
const [executionArn] = runner.backend.listExecutionArns();
if (executionArn === undefined) throw new Error("big-map: the runner started no execution");
reportAndExit({ wallMs, peakRssMb, baselineRssMb, checkpointCalls: runner.backend.checkpointCalls(executionArn).length } satisfies BigMapResult);
