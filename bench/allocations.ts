/**
 * Bytes allocated per sequential step, for each SDK on our runner, by who allocated them: the
 * garbage behind figure 2's GC share (the young-generation collections that run during a handler
 * call are charged to the SDK-only figure, whoever filled the heap).
 *
 *   npx tsx bench/allocations.ts
 *
 * V8's sampling heap profiler (one sample per 256 bytes on average, objects later collected by
 * minor and major GCs included) over `runner.run()` of 1,000 sequential steps, 3 runs after 10
 * warm-up runs so that the optimizing compiler has removed what escape analysis can. Sampled, so
 * the bytes are estimates (a few percent from run to run); the split by area is what to read.
 */
import { Session } from "node:inspector/promises";
import { assertSucceeded, runOnOurRunner } from "./lib/runners.js";
import { loadSdk, SDK_IDS, type SdkId } from "./lib/sdks.js";
import { expected, sequentialSteps } from "./lib/workloads.js";

interface SampledNode {
  callFrame: { url: string };
  selfSize: number;
  children: SampledNode[];
}

const STEPS = 1000;
const WARMUPS = 10;
const RUNS = 3;

/** Who allocated: our SDK, the official SDK, our testing backend/runner, the bench's workload, or node. */
function area(url: string): string {
  const ours = url.match(/packages\/(sdk|testing)\/src\/([^/]+)/);
  if (ours) return `${ours[1]}/${ours[2]}`;
  const dependency = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (dependency) return dependency[1]!;
  if (url.includes("/bench/")) return "bench workload";
  return url.startsWith("node:") || url === "" ? "node and built-ins" : url;
}

async function bytesPerStep(id: SdkId, session: Session): Promise<Map<string, number>> {
  const sdk = await loadSdk(id);
  const handler = sdk.wrap(sequentialSteps(STEPS));
  const once = async () => {
    const run = await runOnOurRunner(handler);
    assertSucceeded(run.outcome, expected.sequentialSteps(STEPS), `${id}: ${STEPS} steps`);
  };
  for (let i = 0; i < WARMUPS; i++) await once();
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 256,
    includeObjectsCollectedByMinorGC: true,
    includeObjectsCollectedByMajorGC: true,
  } as never);
  for (let i = 0; i < RUNS; i++) await once();
  const { profile } = (await session.post("HeapProfiler.stopSampling")) as unknown as { profile: { head: SampledNode } };
  const byArea = new Map<string, number>();
  const walk = (node: SampledNode) => {
    const key = area(node.callFrame.url);
    byArea.set(key, (byArea.get(key) ?? 0) + node.selfSize / (RUNS * STEPS));
    node.children.forEach(walk);
  };
  walk(profile.head);
  return byArea;
}

const session = new Session();
session.connect();
await session.post("HeapProfiler.enable");
for (const id of SDK_IDS) {
  const byArea = await bytesPerStep(id, session);
  const total = [...byArea.values()].reduce((a, b) => a + b, 0);
  const split = [...byArea.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([key, bytes]) => `${key} ${Math.round(bytes)}`)
    .join(", ");
  console.log(`${id.padEnd(9)} ${(total / 1024).toFixed(1)} KiB allocated per sequential step: ${split}`);
}
