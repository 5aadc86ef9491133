import { it } from "vitest";
import { exploreInterruptions } from "../src/history/index.js";
import { createRetryStrategy, JitterStrategy, StepSemantics } from "@durable-ts/sdk";
import { durable } from "./fixtures/workflows.js";
const retry = createRetryStrategy({ maxAttempts: 3, initialDelay: { seconds: 1 }, jitter: JitterStrategy.NONE });
it("scratch", async () => {
  const h = durable(async (e: { n: number }, ctx) => {
    const a = await ctx.step("reserve", async ({ attempt }) => { if (attempt < 2) throw new Error("busy"); return e.n * 2; }, { retryStrategy: retry });
    const b = await ctx.step("charge", async () => a + 1, { semantics: StepSemantics.AtMostOncePerRetry, retryStrategy: retry });
    await ctx.wait({ seconds: 5 });
    const c = await ctx.runInChildContext("ship", async (child) => {
      const [x, y] = await Promise.all([child.step("label", async () => "L"), child.step("pickup", async () => "P")]);
      return x + y;
    });
    return { a, b, c };
  });
  for (const points of ["checkpoints", "all"] as const) {
    const t = Date.now();
    try {
      const rep = await exploreInterruptions(h, { n: 5 }, { points });
      console.log(points, JSON.stringify(rep), Date.now() - t);
    } catch (e) { console.log(points, String(e).slice(0, 3000), Date.now() - t); }
  }
  let sent = 0;
  const inner = durable(async (_e, ctx) => { sent++; const o = await ctx.step("load", async () => 7); await ctx.wait({seconds: 1}); return { o, sent }; });
  const bad = (event: any, context: any) => { if (event.InitialExecutionState.Operations.length <= 1) sent = 0; return inner(event, context); };
  try { await exploreInterruptions(bad, {}); } catch (e) { console.log(String(e).slice(0, 3000)); }
});
