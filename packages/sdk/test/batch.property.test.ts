import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BatchItemStatus, type BatchResult, type CompletionConfig } from "@durable-ts/sdk";
import { durable, runnerFor } from "./support.js";

const MODEL_CASES = Number(process.env.PROPERTY_RUNS ?? 150);

type Spec = { ok: boolean; delay: number };
type View = { reason: string; status: string; items: [number, string, unknown][] };

const view = (r: BatchResult<unknown>): View => ({
  reason: r.completionReason,
  status: r.status,
  items: r.all.map((i) => [i.index, i.status, i.status === BatchItemStatus.FAILED ? i.error?.message : (i.result ?? null)]),
});

function decide(ok: number, failed: number, total: number, c: CompletionConfig | undefined): string | undefined {
  const { minSuccessful, toleratedFailureCount: count, toleratedFailurePercentage: pct } = c ?? {};
  if (minSuccessful === undefined && count === undefined && pct === undefined && failed > 0) return "FAILURE_TOLERANCE_EXCEEDED";
  if ((count !== undefined && failed > count) || (pct !== undefined && (failed * 100) / total > pct)) return "FAILURE_TOLERANCE_EXCEEDED";
  if (ok + failed === total) return "ALL_COMPLETED";
  if (minSuccessful !== undefined && ok >= minSuccessful) return "MIN_SUCCESSFUL_REACHED";
  return undefined;
}

function model(specs: Spec[], maxConcurrency: number | undefined, c: CompletionConfig | undefined): View {
  const done: [number, string, unknown][] = [];
  const running: { index: number; at: number }[] = [];
  let next = 0;
  let now = 0;
  let reason = specs.length === 0 ? "ALL_COMPLETED" : undefined;
  const fill = () => {
    for (; next < specs.length && running.length < (maxConcurrency ?? Infinity); next++) running.push({ index: next, at: now + specs[next].delay });
  };
  fill();
  while (reason === undefined) {
    // One virtual instant: the items already running that settle now settle in start (= index) order;
    // slots they free are refilled only afterwards, so a delay-0 item started now settles in a later round.
    now = Math.min(...running.map((r) => r.at));
    for (const r of running.filter((r) => r.at === now).sort((a, b) => a.index - b.index)) {
      running.splice(running.indexOf(r), 1);
      done.push([r.index, specs[r.index].ok ? "SUCCEEDED" : "FAILED", specs[r.index].ok ? `v${r.index}` : `e${r.index}`]);
      const failed = done.filter((d) => d[1] === "FAILED").length;
      reason = decide(done.length - failed, failed, specs.length, c);
      if (reason !== undefined) break;
    }
    if (reason === undefined) fill();
  }
  const items = [...done, ...running.map((r): [number, string, unknown] => [r.index, "STARTED", null])].sort((a, b) => a[0] - b[0]);
  return { reason, status: done.some((d) => d[1] === "FAILED") ? "FAILED" : "SUCCEEDED", items };
}

const specsArb = fc.array(fc.record({ ok: fc.boolean(), delay: fc.integer({ min: 0, max: 5 }) }), { maxLength: 8 });
const caseArb = specsArb.chain((specs) =>
  fc.record({
    specs: fc.constant(specs),
    maxConcurrency: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    completion: fc.option(
      fc.record(
        {
          minSuccessful: fc.integer({ min: 1, max: Math.max(1, specs.length) }),
          toleratedFailureCount: fc.integer({ min: 0, max: 3 }),
          toleratedFailurePercentage: fc.integer({ min: 0, max: 100 }),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  }),
);

async function runMap(specs: Spec[], maxConcurrency: number | undefined, completionConfig: CompletionConfig | undefined) {
  const result = await runnerFor(
    durable(async (_e, ctx) => {
      const r = await ctx.map("m", specs, async (c, s, index) => {
        if (s.delay > 0) await c.wait({ seconds: s.delay });
        if (!s.ok) throw new Error(`e${index}`);
        return `v${index}`;
      }, { maxConcurrency, completionConfig });
      return view(r);
    }),
  ).run();
  return result.getResult() as View;
}

describe("map agrees with a virtual-time reference model of the completion rules", () => {
  it("probe", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ specs, maxConcurrency, completion }) => {
        expect(await runMap(specs, maxConcurrency, completion)).toEqual(model(specs, maxConcurrency, completion));
      }),
      { numRuns: MODEL_CASES },
    );
  }, 300_000);
});
