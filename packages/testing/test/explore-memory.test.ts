/**
 * exploreInterruptions releases everything its runs held: no invocation event (and so no runner,
 * backend or SDK context reachable from it) of any run survives garbage collection.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { durableExecution } from "@durable-ts/sdk";
import { exploreInterruptions } from "@durable-ts/testing";

// The test runs without --expose-gc; this turns it on for a function of its own.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const silent = { debug() {}, info() {}, warn() {}, error() {} };

async function collect(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("exploreInterruptions memory", () => {
  it("keeps no run's invocation event or context reachable once it returned, cut runs included", async () => {
    const events: WeakRef<object>[] = [];
    const contexts: WeakRef<object>[] = [];
    const handler = durableExecution(
      async (input: { n: number }, ctx) => {
        contexts.push(new WeakRef(ctx));
        const a = await ctx.step("a", async () => input.n + 1);
        const b = await ctx.step("b", async () => a * 2);
        await ctx.wait({ seconds: 30 });
        return ctx.step("c", async () => b + 1);
      },
      { logger: silent as never },
    );
    const observed = ((event, context) => {
      events.push(new WeakRef(event as object));
      return handler(event, context);
    }) as typeof handler;

    for (let i = 0; i < 3; i++) {
      const report = await exploreInterruptions(observed, { n: i });
      expect(report.failures).toEqual([]);
    }
    await collect();

    expect(events.length).toBeGreaterThan(20);
    expect(contexts.length).toBe(events.length);
    expect(events.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
    expect(contexts.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
  }, 60_000);
});
