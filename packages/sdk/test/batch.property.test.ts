import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertySeed, soakRuns } from "./property-runs.js";
import { BatchItemStatus, createRetryStrategy, JitterStrategy, NestingType, type BatchResult, type CompletionConfig, type DurableContext } from "@durable-ts/sdk";
import { durable, runnerFor, withClient } from "./support.js";

/** Generated cases per property (full size in CI; see property-runs.ts). */
const MODEL_CASES = soakRuns(300);
const CUT_CASES = Math.max(1, Math.round(MODEL_CASES / 5));

/** What a batch reports, in comparable form: per item [index, status, result or error message]. */
type View = { reason: string; status: string; items: [number, string, unknown][] };
const view = (r: BatchResult<unknown>): View => ({
  reason: r.completionReason,
  status: r.status,
  items: r.all.map((i) => [i.index, i.status, i.status === BatchItemStatus.FAILED ? i.error?.message : (i.result ?? null)]),
});

const completionArb = (n: number) =>
  fc.option(
    fc.record(
      {
        minSuccessful: fc.integer({ min: 1, max: Math.max(1, n) }),
        toleratedFailureCount: fc.integer({ min: 0, max: 3 }),
        toleratedFailurePercentage: fc.integer({ min: 0, max: 100 }),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  );

// ---- property 1: reference model -----------------------------------------------------------------

/** An item settles `delay` virtual seconds after it starts (0: at once), with `v<i>` or error `e<i>`. */
type Spec = { ok: boolean; delay: number };

/** api.md §4 "Completion", rules 2–5 in order (no shouldComplete here). */
function decide(ok: number, failed: number, total: number, c: CompletionConfig | undefined): string | undefined {
  const { minSuccessful, toleratedFailureCount: count, toleratedFailurePercentage: pct } = c ?? {};
  if (minSuccessful === undefined && count === undefined && pct === undefined && failed > 0) return "FAILURE_TOLERANCE_EXCEEDED";
  if ((count !== undefined && failed > count) || (pct !== undefined && (failed * 100) / total > pct)) return "FAILURE_TOLERANCE_EXCEEDED";
  if (ok + failed === total) return "ALL_COMPLETED";
  if (minSuccessful !== undefined && ok >= minSuccessful) return "MIN_SUCCESSFUL_REACHED";
  return undefined;
}

/**
 * The virtual-time schedule: items start in index order while a slot is free and settle at
 * start + delay; after each settlement the rules decide, else the freed slot is refilled at once.
 * `view` is absent when two running items would settle at the same instant: their order is then a
 * microtask race the spec leaves open (the SDK settles a failure before a success resumed at the same
 * instant, and refills a freed slot only after the other items due at that instant).
 */
function model(specs: Spec[], maxConcurrency: number | undefined, c: CompletionConfig | undefined): { view?: View } {
  const limit = maxConcurrency ?? Infinity;
  const startedAt: number[] = [];
  const done: [number, string, unknown][] = [];
  const running: { index: number; at: number }[] = [];
  let reason = specs.length === 0 ? "ALL_COMPLETED" : undefined;
  const fill = (now: number) => {
    for (let i = startedAt.length; i < specs.length && running.length < limit; i++) {
      running.push({ index: i, at: now + specs[i]!.delay });
      startedAt.push(now);
    }
  };
  fill(0);
  while (reason === undefined) {
    running.sort((a, b) => a.at - b.at);
    if (running.length > 1 && running[0]!.at === running[1]!.at) return {};
    const { index, at } = running.shift()!;
    done.push([index, specs[index]!.ok ? "SUCCEEDED" : "FAILED", specs[index]!.ok ? `v${index}` : `e${index}`]);
    const failed = done.filter((d) => d[1] === "FAILED").length;
    reason = decide(done.length - failed, failed, specs.length, c);
    if (reason === undefined) fill(at);
  }
  const items = [...done, ...running.map((r): [number, string, unknown] => [r.index, "STARTED", null])].sort((a, b) => a[0] - b[0]);
  return { view: { reason, status: done.some((d) => d[1] === "FAILED") ? "FAILED" : "SUCCEEDED", items } };
}

// Distinct delays keep most schedules free of same-instant ties (0–11 s: eight items need eight values).
const specsArb = fc.integer({ min: 0, max: 8 }).chain((n) =>
  fc
    .tuple(fc.array(fc.boolean(), { minLength: n, maxLength: n }), fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: n, maxLength: n }))
    // `!`: both arrays have n items.
    .map(([oks, delays]) => oks.map((ok, i) => ({ ok, delay: delays[i]! }))),
);
const modelCaseArb = specsArb.chain((specs) =>
  fc.record({ specs: fc.constant(specs), maxConcurrency: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), completion: completionArb(specs.length) }),
);

async function runMap(specs: Spec[], maxConcurrency: number | undefined, completionConfig: CompletionConfig | undefined): Promise<View> {
  const handler = durable(async (_e, ctx) => {
    const r = await ctx.map(
      "m",
      specs,
      async (c, s, index) => {
        if (s.delay > 0) await c.wait({ seconds: s.delay });
        if (!s.ok) throw new Error(`e${index}`);
        return `v${index}`;
      },
      { maxConcurrency, completionConfig },
    );
    return view(r);
  });
  return (await runnerFor(handler).run()).getResult() as View;
}

describe("map follows the completion rules over the virtual-time schedule", () => {
  it("reason, status and every item's index/status/result/error match the reference model", async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(modelCaseArb, async ({ specs, maxConcurrency, completion }) => {
        const { view: expected } = model(specs, maxConcurrency, completion);
        fc.pre(expected !== undefined); // ties are unspecified
        checked++;
        expect(await runMap(specs, maxConcurrency, completion)).toEqual(expected);
      }),
      { numRuns: MODEL_CASES, ...propertySeed() },
    );
    expect(checked).toBe(MODEL_CASES);
  }, 300_000);

  /*
   * Regression (found by the property above): an item that took a freed slot in an earlier
   * invocation used to be re-reached only after the item before it settled again, so an item resuming
   * live could decide the batch first and the history's item was left out. Items that finished in
   * earlier invocations now settle first, outside the concurrency limit (operations/batch.ts).
   */
  it("an item that SUCCEEDED in an earlier invocation is kept when the batch completes in a later one", async () => {
    // t=0: items 0 (1 s) and 1 (2 s) start; t=1: 0 succeeds, 2 takes its slot and succeeds; t=2: 1 fails (fail-fast).
    const specs = [
      { ok: true, delay: 1 },
      { ok: false, delay: 2 },
      { ok: true, delay: 0 },
    ];
    expect(await runMap(specs, 2, undefined)).toEqual({
      reason: "FAILURE_TOLERANCE_EXCEEDED",
      status: "FAILED",
      items: [
        [0, "SUCCEEDED", "v0"],
        [1, "FAILED", "e1"],
        [2, "SUCCEEDED", "v2"],
      ],
    });
  });

  it("an item started in an earlier invocation is reported STARTED when the batch completes in a later one", async () => {
    // t=0: 0 succeeds at once, 2 takes its slot and waits 5 s; t=1: 1 fails (fail-fast) while 2 still runs.
    const specs = [
      { ok: true, delay: 0 },
      { ok: false, delay: 1 },
      { ok: true, delay: 5 },
    ];
    expect(await runMap(specs, 2, undefined)).toEqual({
      reason: "FAILURE_TOLERANCE_EXCEEDED",
      status: "FAILED",
      items: [
        [0, "SUCCEEDED", "v0"],
        [1, "FAILED", "e1"],
        [2, "STARTED", null],
      ],
    });
  });
});

// ---- property 2: interrupted invocations -------------------------------------------------------

/** An item's body: nothing (it returns at once), or steps that fail never / once (then retried) / always (the item fails), waits, child contexts. */
type Op = { kind: "step"; fails: "never" | "once" | "always" } | { kind: "wait"; seconds: number } | { kind: "child"; ops: Op[] };
const leafArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("step" as const), fails: fc.constantFrom("never" as const, "once" as const, "always" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("wait" as const), seconds: fc.constantFrom(10, 20, 30, 40) }) },
);
const opArb: fc.Arbitrary<Op> = fc.oneof(leafArb, fc.record({ kind: fc.constant("child" as const), ops: fc.array(leafArb, { minLength: 1, maxLength: 2 }) }));
const batchCaseArb = fc.array(fc.array(opArb, { minLength: 0, maxLength: 3 }), { minLength: 2, maxLength: 4 }).chain((items) =>
  fc.record({
    kind: fc.constantFrom("map" as const, "parallel" as const),
    items: fc.constant(items),
    maxConcurrency: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    completion: completionArb(items.length),
  }),
);
type BatchCase = typeof batchCaseArb extends fc.Arbitrary<infer T> ? T : never;

/** Virtual second an item settles at: its waits plus 1 s per step retry, up to the first step that always fails. */
function settleTime(ops: Op[]): number {
  let t = 0;
  for (const op of ops.flatMap((o) => (o.kind === "child" ? o.ops : [o]))) {
    if (op.kind === "wait") t += op.seconds;
    if (op.kind !== "step" || op.fails === "never") continue;
    t += 1; // the retry delay
    if (op.fails === "always") break;
  }
  return t;
}

/**
 * A cut invocation is retried 5 virtual seconds later (the runner's Lambda retry delay), which moves
 * everything after it by up to 5 s. Settlement order, and so an early completion, is kept only when
 * items settle more than 5 s apart (6 with a margin), unless one item took the slot the other
 * freed (it then always settles later); closer schedules would legitimately differ, so they are
 * skipped. Items start in index order as slots free up (`maxConcurrency`), as the SDK starts them.
 */
const orderSurvivesCuts = (bc: BatchCase) => {
  const limit = bc.maxConcurrency ?? Number.POSITIVE_INFINITY;
  const settles: number[] = [];
  /** The item whose settlement freed the slot an item took (undefined: it started at once). */
  const after: (number | undefined)[] = [];
  const running: number[] = [];
  for (const [index, ops] of bc.items.entries()) {
    let start = 0;
    if (running.length >= limit) {
      running.sort((a, b) => settles[a]! - settles[b]!);
      const freed = running.shift()!; // `!`: the limit is at least 1, so an item runs
      start = settles[freed]!;
      after[index] = freed;
    }
    settles[index] = start + settleTime(ops);
    running.push(index);
  }
  const follows = (later: number, earlier: number): boolean => {
    for (let i = after[later]; i !== undefined; i = after[i]) if (i === earlier) return true;
    return false;
  };
  return settles.every((t, i) => settles.every((u, j) => i === j || Math.abs(t - u) > 6 || follows(i, j) || follows(j, i)));
};

function batchHandler(bc: BatchCase, onRun: (operationId: string) => void, nesting?: NestingType) {
  const run = async (c: DurableContext, ops: Op[], path: string): Promise<unknown[]> => {
    const out: unknown[] = [];
    for (const [j, op] of ops.entries()) {
      const name = `${path}.${j}`;
      if (op.kind === "wait") out.push(await c.wait({ seconds: op.seconds }).then(() => `waited ${op.seconds}`));
      else if (op.kind === "child") out.push(await c.runInChildContext(name, (child) => run(child, op.ops, name)));
      else
        out.push(
          await c.step(
            name,
            async ({ attempt, operationId }) => {
              onRun(operationId);
              if (op.fails === "always" || (op.fails === "once" && attempt === 1)) throw new Error(`${name} failed attempt ${attempt}`);
              return `${name}#${attempt}`;
            },
            { retryStrategy: createRetryStrategy({ maxAttempts: 2, initialDelay: { seconds: 1 }, jitter: JitterStrategy.NONE }) },
          ),
        );
    }
    return out;
  };
  const config = { maxConcurrency: bc.maxConcurrency, completionConfig: bc.completion, nesting };
  return durable(async (_e, ctx) => {
    const r =
      bc.kind === "map"
        ? await ctx.map("batch", bc.items, (c, ops, i) => run(c, ops, `i${i}`), config)
        : await ctx.parallel(
            "batch",
            bc.items.map((ops, i) => ({ name: `b${i}`, func: (c: DurableContext) => run(c, ops, `i${i}`) })),
            config,
          );
    return view(r);
  });
}

/**
 * Runs the batch with the invocation cut once at checkpoint call `cutAt`: the call never reaches the
 * service, or it is applied and its response lost; the runner re-invokes as Lambda would. Records
 * step bodies that run after their SUCCEED was persisted.
 */
async function runWithCut(bc: BatchCase, cutAt: number | undefined, mode: "before-send" | "lost-response", nesting?: NestingType) {
  const persisted = new Set<string>();
  const violations: string[] = [];
  let calls = 0;
  const handler = withClient(
    batchHandler(bc, (id) => persisted.has(id) && violations.push(`step ${id} ran again`), nesting),
    (client) => ({
      getExecutionState: (p) => client.getExecutionState(p),
      checkpoint: async (request) => {
        const cutNow = calls++ === cutAt;
        if (cutNow && mode === "before-send") throw Object.assign(new Error("connection reset"), { name: "NetworkError" });
        const response = await client.checkpoint(request);
        for (const u of request.Updates ?? []) if (u.Type === "STEP" && u.Action === "SUCCEED") persisted.add(u.Id!);
        if (cutNow) throw Object.assign(new Error("response lost"), { name: "TimeoutError" });
        return response;
      },
    }),
  );
  const result = await runnerFor(handler).run();
  const status = result.getStatus();
  return { outcome: status === "SUCCEEDED" ? { status, result: result.getResult() } : { status, error: result.getError().errorMessage }, violations, calls };
}

describe("map and parallel give the uninterrupted BatchResult whatever checkpoint the invocation is cut at", () => {
  it("same BatchResult and execution result at every cut point in both cut modes, and no persisted step runs again", async () => {
    let cuts = 0;
    await fc.assert(
      fc.asyncProperty(batchCaseArb, async (bc) => {
        fc.pre(orderSurvivesCuts(bc));
        const baseline = await runWithCut(bc, undefined, "before-send");
        expect(baseline.violations).toEqual([]);
        expect(baseline.outcome.status).toBe("SUCCEEDED"); // item failures never fail the execution
        for (let k = 0; k < baseline.calls; k++) {
          for (const mode of ["before-send", "lost-response"] as const) {
            const cut = await runWithCut(bc, k, mode);
            cuts++;
            expect(cut.violations, `cut at ${k} (${mode})`).toEqual([]);
            expect(cut.outcome, `cut at ${k} (${mode})`).toEqual(baseline.outcome);
          }
        }
      }),
      { numRuns: CUT_CASES, ...propertySeed() },
    );
    expect(cuts).toBeGreaterThan(CUT_CASES);
  }, 300_000);

  /*
   * FLAT items leave no record of their own: on replay an item learns by running again whether it
   * finished earlier, and those settle in the order they first finished (operations/flat-replay.ts).
   * What must hold: NESTED's BatchResult wherever the invocation is cut, and no persisted step runs again.
   */
  it("FLAT nesting: NESTED's uninterrupted BatchResult at every cut point in both cut modes, and no persisted step runs again", async () => {
    let cuts = 0;
    await fc.assert(
      fc.asyncProperty(batchCaseArb, async (bc) => {
        fc.pre(orderSurvivesCuts(bc));
        const nested = await runWithCut(bc, undefined, "before-send");
        const baseline = await runWithCut(bc, undefined, "before-send", NestingType.FLAT);
        expect(baseline.violations).toEqual([]);
        expect(baseline.outcome).toEqual(nested.outcome);
        for (let k = 0; k < baseline.calls; k++) {
          for (const mode of ["before-send", "lost-response"] as const) {
            const cut = await runWithCut(bc, k, mode, NestingType.FLAT);
            cuts++;
            expect(cut.violations, `cut at ${k} (${mode})`).toEqual([]);
            expect(cut.outcome, `cut at ${k} (${mode})`).toEqual(nested.outcome);
          }
        }
      }),
      { numRuns: CUT_CASES, ...propertySeed() },
    );
    expect(cuts).toBeGreaterThan(CUT_CASES);
  }, 300_000);
});
