/**
 * The seven figures of issue 7. Each runs its cases (in child processes), turns the samples into
 * rows for both SDKs, says how it measured, and names the case to profile when ours misses.
 */
import type { BigMapArgs, BigMapResult } from "../cases/big-map.js";
import type { MapArgs, MapResult } from "../cases/map.js";
import type { OurBackendArgs, OurBackendResult } from "../cases/our-backend.js";
import type { ReplayArgs, ReplayResult } from "../cases/replay.js";
import type { RunnerStepsArgs, RunnerStepsResult } from "../cases/runner-steps.js";
import { actorsFigure } from "./actors-figure.js";
import { bundleHelloWorld, type HelloBundle } from "./bundle.js";
import { runtimeE2e } from "./figure-runtime-e2e.js";
import { runCase, runChild } from "./child.js";
import type { Plan } from "./plan.js";
import type { Row } from "./report.js";
import { SDK_IDS, type SdkId } from "./sdks.js";
import { exact, formatNumber, measuredAt, summarize } from "./stats.js";

export type Log = (message: string) => void;

/** A child case to run under the profiler for our SDK; the harness adds `profilePath`. */
export interface ProfileCase {
  script: string;
  args: Record<string, unknown>;
}

export interface Figure {
  id: number;
  title: string;
  /** How it was measured, for the report. */
  method(plan: Plan): string;
  run(plan: Plan, log: Log): Promise<{ rows: Row[]; notes?: string[] }>;
  /** Where our time goes when a target of this figure is missed. */
  profile?(plan: Plan): ProfileCase;
}

type PerSdk<T> = Record<SdkId, T>;

async function bothSdks<T>(run: (sdk: SdkId) => Promise<T>): Promise<PerSdk<T>> {
  const results = {} as PerSdk<T>;
  for (const sdk of SDK_IDS) results[sdk] = await run(sdk);
  return results;
}

const count = (n: number) => n.toLocaleString("en-US");

const runnerSteps: Figure = {
  id: 1,
  title: "Wall time per tiny sequential step, each SDK on its own local runner (time skipping on)",
  method: (plan) =>
    `One child process per SDK. Ours: \`LocalDurableTestRunner\` of @durable-ts/testing (virtual clock, skipTime on). Official: \`LocalDurableTestRunner\` of the official testing kit after \`setupTestEnvironment({ skipTime: true })\`. A new runner per run, as a test suite builds one per test; the handler runs N steps \`context.step(\\\`step-\${i}\\\`, async () => i)\` and returns their sum (checked). ${plan.warmups} untimed warm-up runs per size up to 100 steps, then ${plan.runs} timed runs per size. "First run" is the very first one-step run in the process (no warm-up).`,
  async run(plan, log) {
    const results = await bothSdks((sdk) => {
      log(`  ${sdk}: ${plan.runnerSteps.join("/")} steps on its own runner`);
      return runCase<RunnerStepsResult>("cases/runner-steps.ts", {
        sdk,
        sizes: plan.runnerSteps,
        runs: plan.runs,
        warmups: plan.warmups,
      } satisfies RunnerStepsArgs);
    });
    const rows: Row[] = [];
    for (const size of plan.runnerSteps) {
      const per = (sdk: SdkId) => summarize(measuredAt(results[sdk].wallMs, size, `runner steps (${sdk})`).map((ms) => ms / size));
      rows.push(
        size === 1
          ? {
              figure: 1,
              measure: "one-step run",
              unit: "ms",
              ours: per("ours"),
              official: per("official"),
              better: "lower",
              target: { kind: "atMost", limit: 10, strict: true },
            }
          : {
              figure: 1,
              measure: `${count(size)} sequential steps, per step`,
              unit: "ms/step",
              ours: per("ours"),
              official: per("official"),
              better: "lower",
              target: { kind: "ratio", factor: 100 },
            },
      );
    }
    rows.push({
      figure: 1,
      measure: "first one-step run in a fresh process",
      unit: "ms",
      ours: exact(results.ours.firstRunMs),
      official: exact(results.official.firstRunMs),
      better: "lower",
    });
    return { rows };
  },
  profile: (plan) => ({
    script: "cases/runner-steps.ts",
    args: { sdk: "ours", sizes: [Math.max(...plan.runnerSteps)], runs: Math.max(3, plan.runs), warmups: plan.warmups },
  }),
};

/** Figures 2–4 share one child per SDK; the result is cached for the three figures. */
let backendResults: Promise<PerSdk<OurBackendResult>> | undefined;
function ourBackend(plan: Plan, log: Log): Promise<PerSdk<OurBackendResult>> {
  backendResults ??= bothSdks((sdk) => {
    log(`  ${sdk}: ${plan.backendSteps} steps on our backend, then ${plan.latencySteps} steps at ${plan.latencyMs} ms checkpoint latency`);
    return runCase<OurBackendResult>("cases/our-backend.ts", {
      sdk,
      steps: plan.backendSteps,
      runs: plan.runs,
      warmups: plan.backendWarmups,
      latencyMs: plan.latencyMs,
      latencySteps: plan.latencySteps,
    } satisfies OurBackendArgs);
  });
  return backendResults;
}

const sdkOverhead: Figure = {
  id: 2,
  title: "SDK-only overhead per step, both SDKs driven by our LocalDurableTestRunner and InMemoryBackend",
  method: (plan) =>
    `One child process per SDK. Both handlers run on our \`LocalDurableTestRunner\` (time skipping on; the transport rides on the event, as the official kit carries it, so the official handler checkpoints into our backend too). ${count(plan.backendSteps)} sequential tiny steps, ${plan.backendWarmups} warm-up + ${plan.runs} timed runs, a new runner per run, the result checked (steady state: with 3 warm-ups our SDK's first timed runs still ran 2–4× slower than its later ones, the official SDK's did not change). The backend's \`checkpointDurableExecution\` and \`getDurableExecutionState\` are wrapped with a stopwatch around their synchronous work, and the handler with one around each call: SDK-only overhead = (handler time − time inside the backend) / steps. It keeps the SDK's own CPU and the event-loop turns it waits for, and leaves out the runner's scheduling and result views (in the first row).`,
  async run(plan, log) {
    const results = await ourBackend(plan, log);
    const per = (values: number[]) => summarize(values.map((ms) => (ms / plan.backendSteps) * 1000));
    const run = (sdk: SdkId) => per(results[sdk].plain.runMs);
    const handler = (sdk: SdkId) => per(results[sdk].plain.handlerMs);
    const backendShare = (sdk: SdkId) => per(results[sdk].plain.wire.map((w) => w.backendMs));
    // `!`: one wire record per handler run.
    const sdkOnly = (sdk: SdkId) => per(results[sdk].plain.handlerMs.map((ms, i) => ms - results[sdk].plain.wire[i]!.backendMs));
    const n = count(plan.backendSteps);
    return {
      rows: [
        { figure: 2, measure: `${n} steps on our runner: whole run, per step`, unit: "µs/step", ours: run("ours"), official: run("official"), better: "lower" },
        { figure: 2, measure: `  handler calls, per step`, unit: "µs/step", ours: handler("ours"), official: handler("official"), better: "lower" },
        { figure: 2, measure: `  of which inside our backend`, unit: "µs/step", ours: backendShare("ours"), official: backendShare("official"), better: "lower" },
        {
          figure: 2,
          measure: `SDK-only overhead per step`,
          unit: "µs/step",
          ours: sdkOnly("ours"),
          official: sdkOnly("official"),
          better: "lower",
          target: { kind: "ratio", factor: 10 },
        },
      ],
    };
  },
  profile: (plan) => ({
    script: "cases/our-backend.ts",
    args: { sdk: "ours", steps: plan.backendSteps, runs: Math.max(3, plan.runs), warmups: plan.backendWarmups, latencyMs: 0, latencySteps: 0 },
  }),
};

const checkpointTraffic: Figure = {
  id: 3,
  title: "Checkpoint calls and bytes per step",
  method: (plan) =>
    `Counted by our backend (\`runner.backend.checkpointCalls(arn)\`) in the figure-2 runs (${count(plan.backendSteps)} steps, no latency) and the figure-4 runs (${count(plan.latencySteps)} steps, ${plan.latencyMs} ms latency). Bytes are the UTF-8 JSON of each request (ARN, checkpoint token, client token, updates). Both SDKs use their default, at-least-once steps.`,
  async run(plan, log) {
    const results = await ourBackend(plan, log);
    const perStep = (
      sdk: SdkId,
      pick: (r: OurBackendResult) => { wire: OurBackendResult["plain"]["wire"] },
      field: "checkpointCalls" | "checkpointBytes",
      steps: number,
    ) => summarize(pick(results[sdk]).wire.map((w) => w[field] / steps));
    const n = count(plan.backendSteps);
    return {
      rows: [
        {
          figure: 3,
          measure: `checkpoint calls per step (${n} steps)`,
          unit: "calls/step",
          ours: perStep("ours", (r) => r.plain, "checkpointCalls", plan.backendSteps),
          official: perStep("official", (r) => r.plain, "checkpointCalls", plan.backendSteps),
          better: "lower",
          target: { kind: "atMost", limit: 0.25 },
        },
        {
          figure: 3,
          measure: `checkpoint bytes per step (${n} steps)`,
          unit: "B/step",
          ours: perStep("ours", (r) => r.plain, "checkpointBytes", plan.backendSteps),
          official: perStep("official", (r) => r.plain, "checkpointBytes", plan.backendSteps),
          better: "lower",
        },
        {
          figure: 3,
          measure: `checkpoint calls per step at ${plan.latencyMs} ms latency (${count(plan.latencySteps)} steps)`,
          unit: "calls/step",
          ours: perStep("ours", (r) => r.latency, "checkpointCalls", plan.latencySteps),
          official: perStep("official", (r) => r.latency, "checkpointCalls", plan.latencySteps),
          better: "lower",
        },
      ],
    };
  },
};

const latencyThroughput: Figure = {
  id: 4,
  title: `Steps per second with a simulated checkpoint round trip`,
  method: (plan) =>
    `Both SDKs on our runner as in figure 2; every checkpoint call first sleeps ${plan.latencyMs} ms of real time, then reaches the backend (\`backend.checkpointDurableExecution = async (i) => { await sleep(${plan.latencyMs}); return orig(i) }\`). ${count(plan.latencySteps)} sequential tiny steps per run, ${plan.runs} runs after the figure-2 warm-up; steps/s = steps / \`runner.run()\` wall time (which includes the final drain before the handler answers).`,
  async run(plan, log) {
    const results = await ourBackend(plan, log);
    const rate = (sdk: SdkId) => summarize(results[sdk].latency.runMs.map((ms) => plan.latencySteps / (ms / 1000)));
    return {
      rows: [
        {
          figure: 4,
          measure: `steps/s at ${plan.latencyMs} ms per checkpoint (${count(plan.latencySteps)} steps)`,
          unit: "steps/s",
          ours: rate("ours"),
          official: rate("official"),
          better: "higher",
          target: { kind: "ratio", factor: 5 },
        },
      ],
    };
  },
};

/** Linear enough: per-op cost at the longest history within 1.5× of the shortest one. */
const LINEAR_GROWTH_LIMIT = 1.5;

const replayCost: Figure = {
  id: 5,
  title: "Replay cost versus history length",
  method: (plan) =>
    `One child process per SDK, both driven on our InMemoryBackend invocation by invocation, the way our runner drives them (the event carries the first 1,000 operations, the SDK pages the rest with GetDurableExecutionState). The handler runs N steps, waits 1 s, then waits 1 day. Invocation 1 runs the steps; after the clock passes the 1 s wait, invocation 2 replays and starts the 1-day wait; invocations 3…${plan.runs + 2} replay N completed steps and both waits, checkpoint nothing and suspend (checked); only those are timed, from the handler call to its answer. The backend's share (serving the state pages) is shown apart. Linear: per-op time at N=${count(Math.max(...plan.replaySizes))} within ${LINEAR_GROWTH_LIMIT}× of N=${count(Math.min(...plan.replaySizes))}.`,
  async run(plan, log) {
    const results = await bothSdks((sdk) => {
      log(`  ${sdk}: replay of ${plan.replaySizes.map(count).join(" and ")} completed steps`);
      return runCase<ReplayResult>("cases/replay.ts", { sdk, sizes: plan.replaySizes, runs: plan.runs } satisfies ReplayArgs, { timeoutMs: 10 * 60_000 });
    });
    const rows: Row[] = [];
    const perOp = (sdk: SdkId, size: number) => summarize(measuredAt(results[sdk].replayMs, size, `replay (${sdk})`).map((ms) => (ms / size) * 1000));
    for (const size of plan.replaySizes) {
      rows.push({
        figure: 5,
        measure: `replay-only invocation, N = ${count(size)}`,
        unit: "ms",
        ours: summarize(measuredAt(results.ours.replayMs, size, "replay (ours)")),
        official: summarize(measuredAt(results.official.replayMs, size, "replay (official)")),
        better: "lower",
        ...(size === 10_000 ? { target: { kind: "atMost", limit: 100, strict: true } as const } : {}),
      });
      const backend = (sdk: SdkId) => summarize(measuredAt(results[sdk].backendMs, size, `replay backend (${sdk})`));
      rows.push({ figure: 5, measure: `  of which inside our backend (state pages)`, unit: "ms", ours: backend("ours"), official: backend("official"), better: "lower" });
      rows.push({
        figure: 5,
        measure: `  per replayed op, N = ${count(size)}`,
        unit: "µs/op",
        ours: perOp("ours", size),
        official: perOp("official", size),
        better: "lower",
      });
    }
    const small = Math.min(...plan.replaySizes);
    const large = Math.max(...plan.replaySizes);
    const growth = (sdk: SdkId) => exact(perOp(sdk, large).median / perOp(sdk, small).median);
    rows.push({
      figure: 5,
      measure: `per-op growth N = ${count(small)} → ${count(large)} (1 = linear)`,
      unit: "×",
      ours: growth("ours"),
      official: growth("official"),
      better: "lower",
      target: { kind: "atMost", limit: LINEAR_GROWTH_LIMIT },
    });
    const notes = SDK_IDS.map(
      (sdk) =>
        `${sdk}: the first invocation (running the N steps) took ${plan.replaySizes.map((size) => `${formatNumber(measuredAt(results[sdk].buildMs, size, `replay build (${sdk})`))} ms at N = ${count(size)}`).join(", ")}.`,
    );
    return { rows, notes };
  },
  profile: (plan) => ({ script: "cases/replay.ts", args: { sdk: "ours", sizes: [Math.max(...plan.replaySizes)], runs: Math.max(5, plan.runs) } }),
};

const mapMemory: Figure = {
  id: 6,
  title: "map with maxConcurrency: wall time and peak RSS",
  method: (plan) =>
    `A fresh child process per run (${plan.runs} per SDK, alternating), each SDK on its own runner with time skipping. \`context.map("items", [0…${plan.mapItems - 1}], (ctx, item) => ctx.step("double", async () => item * 2), { maxConcurrency: ${plan.maxConcurrency} })\`; the sum of the results is checked. Wall time of \`runner.run()\`; peak RSS is \`process.resourceUsage().maxRSS\` after the run (the whole process: node, the SDK and its runner; the case is a bundle run by plain node, and its harness loads neither esbuild nor tsx), "before" is the same reading just before the run.`,
  async run(plan, log) {
    const samples: PerSdk<MapResult[]> = { ours: [], official: [] };
    log(`  ${plan.runs} fresh processes per SDK, ${count(plan.mapItems)} items`);
    for (let i = 0; i < plan.runs; i++) {
      for (const sdk of SDK_IDS) {
        samples[sdk].push(await runCase<MapResult>("cases/map.ts", { sdk, items: plan.mapItems, maxConcurrency: plan.maxConcurrency } satisfies MapArgs));
      }
    }
    const pick = (sdk: SdkId, field: keyof MapResult) => summarize(samples[sdk].map((s) => s[field]));
    const what = `map over ${count(plan.mapItems)} items, maxConcurrency ${plan.maxConcurrency}`;
    return {
      rows: [
        {
          figure: 6,
          measure: `${what}: wall`,
          unit: "ms",
          ours: pick("ours", "wallMs"),
          official: pick("official", "wallMs"),
          better: "lower",
          target: { kind: "ratio", factor: 5 },
        },
        {
          figure: 6,
          measure: `${what}: peak RSS`,
          unit: "MB",
          ours: pick("ours", "peakRssMb"),
          official: pick("official", "peakRssMb"),
          better: "lower",
          target: { kind: "ratio", factor: 2 },
        },
        {
          figure: 6,
          measure: `  RSS before the run (runtime + SDK + runner)`,
          unit: "MB",
          ours: pick("ours", "baselineRssMb"),
          official: pick("official", "baselineRssMb"),
          better: "lower",
        },
      ],
    };
  },
  profile: (plan) => ({ script: "cases/map.ts", args: { sdk: "ours", items: plan.mapItems, maxConcurrency: plan.maxConcurrency } }),
};

const coldStart: Figure = {
  id: 7,
  title: "Cold start: import + initialise, and bundle size of a hello-world handler",
  method: (plan) =>
    `A hello-world handler (\`withDurableExecution(async (e, ctx) => ctx.step("greet", …))\`) per SDK, bundled with esbuild (bundle, minify, platform node, target node20, CommonJS, \`@aws-sdk/*\` external because the Lambda Node.js runtime provides it; our SDK from its sources). Import + init: ${plan.coldStartRuns} fresh plain-node processes per SDK, alternating, each timing \`await import(bundle)\` (the module body calls \`withDurableExecution\`). Neither SDK loads \`@aws-sdk/client-lambda\` at import (both on first use); the time goes to Node compiling the bundle and, for \`import()\` of CommonJS, scanning it for named exports (cjs-module-lexer), both in proportion to its size. The second row requires \`@aws-sdk/client-lambda\` before the clock starts, which warms Node's loader and the built-ins both SDKs share, leaving the SDK's own share.`,
  async run(plan, log) {
    log("  bundling hello-world handlers with esbuild");
    const bundles = await bothSdks((sdk) => bundleHelloWorld(sdk));
    const samples: Record<"full" | "own", PerSdk<number[]>> = { full: { ours: [], official: [] }, own: { ours: [], official: [] } };
    log(`  ${plan.coldStartRuns} fresh processes per SDK and variant`);
    for (let i = 0; i < plan.coldStartRuns; i++) {
      for (const preload of [false, true]) {
        for (const sdk of SDK_IDS) {
          const sample = await runChild<{ importInitMs: number }>("cases/cold-start.mjs", { bundleUrl: bundles[sdk].url, preload }, { tsx: false });
          samples[preload ? "own" : "full"][sdk].push(sample.importInitMs);
        }
      }
    }
    const kb = (b: HelloBundle) => exact(b.bytes / 1024);
    return {
      rows: [
        {
          figure: 7,
          measure: "import + init, fresh process",
          unit: "ms",
          ours: summarize(samples.full.ours),
          official: summarize(samples.full.official),
          better: "lower",
          target: { kind: "ratio", factor: 2 },
        },
        {
          figure: 7,
          measure: "  SDK's own share (client-lambda preloaded)",
          unit: "ms",
          ours: summarize(samples.own.ours),
          official: summarize(samples.own.official),
          better: "lower",
        },
        {
          figure: 7,
          measure: "hello-world bundle, minified",
          unit: "KiB",
          ours: kb(bundles.ours),
          official: kb(bundles.official),
          better: "lower",
          target: { kind: "ratio", factor: 2 },
        },
      ],
      notes: SDK_IDS.map((sdk) => `${sdk} bundle (${formatNumber(bundles[sdk].bytes / 1024)} KiB) by source: ${bundles[sdk].composition}.`),
    };
  },
};

const bigMap: Figure = {
  id: 8,
  title: "Large map: 10,000 and 100,000 items (our SDK)",
  method: (plan) =>
    `One fresh child process per size (${plan.bigMapItems.map(count).join(", ")} items), our SDK on our runner with time skipping: the figure-6 workload (\`context.map\` where each item runs one step, \`maxConcurrency: ${plan.maxConcurrency}\`), sum checked. The map's result is over the 256 KB inline limit, so it completes through the ReplayChildren path with a compact summary (index ranges). Wall time of \`runner.run()\`, peak RSS (\`process.resourceUsage().maxRSS\`: node, SDK and the in-memory backend that holds every operation), and the checkpoint calls the backend received. The official SDK is not run here: its map summary grows with the item count.`,
  async run(plan, log) {
    const rows: Row[] = [];
    for (const items of plan.bigMapItems) {
      log(`  map over ${count(items)} items`);
      const r = await runCase<BigMapResult>("cases/big-map.ts", { items, maxConcurrency: plan.maxConcurrency } satisfies BigMapArgs, { timeoutMs: 30 * 60_000 });
      rows.push(
        { figure: 8, measure: `map over ${count(items)} items: wall`, unit: "ms", ours: exact(r.wallMs), better: "lower" },
        { figure: 8, measure: `map over ${count(items)} items: peak RSS`, unit: "MB", ours: exact(r.peakRssMb), better: "lower" },
        { figure: 8, measure: `map over ${count(items)} items: checkpoint calls`, unit: "calls", ours: exact(r.checkpointCalls), better: "lower" },
      );
    }
    return { rows };
  },
  profile: (plan) => ({ script: "cases/big-map.ts", args: { items: plan.bigMapItems[0], maxConcurrency: plan.maxConcurrency } }),
};

export const FIGURES: Figure[] = [runnerSteps, sdkOverhead, checkpointTraffic, latencyThroughput, replayCost, mapMemory, coldStart, bigMap, actorsFigure, runtimeE2e];
