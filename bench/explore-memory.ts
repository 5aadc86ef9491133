/**
 * Heap kept per `exploreInterruptions` call once garbage is collected (issue 13, item 9):
 *   node --expose-gc --import tsx bench/explore-memory.ts [calls=300]
 * Warms up with 20 calls, then measures `heapUsed` after full GCs before and after `calls` more.
 */
import { durableExecution } from "@durable-ts/sdk";
import { exploreInterruptions } from "@durable-ts/testing";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const handler = durableExecution(
  async (e: { n: number }, ctx) => {
    const a = await ctx.step("a", async () => e.n + 1);
    await ctx.wait({ seconds: 5 });
    return ctx.step("b", async () => a * 2);
  },
  { logger: silent as never },
);

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

const calls = Number(process.argv[2] ?? 300);
for (let i = 0; i < 20; i++) await exploreInterruptions(handler, { n: i });
const before = await settledHeap();
for (let i = 0; i < calls; i++) await exploreInterruptions(handler, { n: i });
const after = await settledHeap();
console.log(`${calls} calls: heap ${(before / 1e6).toFixed(1)} MB -> ${(after / 1e6).toFixed(1)} MB, ${((after - before) / calls / 1024).toFixed(1)} KB per call kept`);
