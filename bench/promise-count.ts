/**
 * Promises created per unit of work, for each SDK on our runner: a deterministic count behind
 * figures 2 and 6. On Node 20 every promise also runs the async-context hooks (AsyncLocalStorage
 * propagation), so the count is where the per-step CPU and garbage come from.
 *
 *   npx tsx bench/promise-count.ts
 *
 * Counted with an async hook (type PROMISE) over `runner.run()` only, the runner and backend
 * included; the figure is the total divided by steps or items. Both SDKs run the identical
 * workloads of `lib/workloads.ts` on our LocalDurableTestRunner, as in figure 2.
 */
import { createHook } from "node:async_hooks";
import { assertSucceeded, runOnOurRunner } from "./lib/runners.js";
import { loadSdk, SDK_IDS } from "./lib/sdks.js";
import { expected, mapItems, sequentialSteps } from "./lib/workloads.js";

let counting = false;
let promises = 0;
createHook({
  init(_id, type) {
    if (counting && type === "PROMISE") promises += 1;
  },
}).enable();

async function count(run: () => Promise<void>): Promise<number> {
  promises = 0;
  counting = true;
  try {
    await run();
  } finally {
    counting = false;
  }
  return promises;
}

const STEPS = 1000;
const ITEMS = 1000;
for (const id of SDK_IDS) {
  const sdk = await loadSdk(id);
  const steps = await count(async () => {
    const run = await runOnOurRunner(sdk.wrap(sequentialSteps(STEPS)));
    assertSucceeded(run.outcome, expected.sequentialSteps(STEPS), `${id}: ${STEPS} steps`);
  });
  const map = await count(async () => {
    const run = await runOnOurRunner(sdk.wrap(mapItems(ITEMS, 50)));
    assertSucceeded(run.outcome, expected.mapItems(ITEMS), `${id}: map of ${ITEMS}`);
  });
  console.log(`${id.padEnd(9)} ${(steps / STEPS).toFixed(2)} promises per sequential step, ${(map / ITEMS).toFixed(2)} per map item (maxConcurrency 50)`);
}
