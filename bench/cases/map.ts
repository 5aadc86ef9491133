/**
 * Figure 6 (one fresh child process per run): `context.map` over N items with maxConcurrency on the
 * SDK's own runner; wall time of the run and the process's peak RSS.
 */
import { childArgs, reportAndExit } from "../lib/child-io.js";
import { now } from "../lib/clock.js";
import { profiled } from "../lib/inspector-profile.js";
import { assertSucceeded, ownRunnerKit } from "../lib/runners.js";
import { loadSdk, parseSdkId } from "../lib/sdks.js";
import { expected, mapItems } from "../lib/workloads.js";

export interface MapArgs {
  sdk: string;
  items: number;
  maxConcurrency: number;
  /** Profile the run into this .cpuprofile file. */
  profilePath?: string;
}

export interface MapResult {
  wallMs: number;
  /** Peak RSS of the process after the run (MB). */
  peakRssMb: number;
  /** Peak RSS before the run, after loading the SDK and its runner (MB). */
  baselineRssMb: number;
}

const args = childArgs<MapArgs>();
const sdk = await loadSdk(parseSdkId(args.sdk));
const kit = await ownRunnerKit(sdk.id);
const runner = kit.create(sdk.wrap(mapItems(args.items, args.maxConcurrency)));
const baselineRssMb = process.resourceUsage().maxRSS / 1024;
const started = now();
const outcome = await profiled(args.profilePath, () => runner.run());
const wallMs = now() - started;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
assertSucceeded(outcome, expected.mapItems(args.items), `${sdk.id} map over ${args.items} items`);
await kit.teardown();
reportAndExit({ wallMs, peakRssMb, baselineRssMb } satisfies MapResult);
