import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { soakRuns } from "./property-runs.js";
import { createRetryStrategy, JitterStrategy, StepSemantics, type DurableContext, type Operation } from "@durable-ts/sdk";
import { durable, runnerFor, withClient } from "./support.js";

/** Generated workflows per property (full size in CI; see property-runs.ts). */
const WORKFLOWS = soakRuns(200);
// At-most-once workflows retry more (every interrupted attempt costs one), so each takes ~10x longer to explore.
const AT_MOST_ONCE_WORKFLOWS = Math.max(1, Math.round(WORKFLOWS / 4));

// ---- generated workflows -------------------------------------------------------------------------

type Node =
  | { kind: "step"; name: string; failTimes: number; permanent: boolean }
  | { kind: "wait"; seconds: number }
  | { kind: "child"; name: string; children: Node[] }
  | { kind: "pair"; left: Node; right: Node }; // two operations started together

const name = fc.constantFrom("a", "b", "c", "d");
const leaf: fc.Arbitrary<Node> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("step" as const), name, failTimes: fc.integer({ min: 0, max: 2 }), permanent: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("wait" as const), seconds: fc.integer({ min: 1, max: 120 }) }) },
);
const { node } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ kind: fc.constant("child" as const), name, children: fc.array(tie("node"), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant("pair" as const), left: leaf, right: leaf }),
  ),
}));
const workflowArb = fc.array(node, { minLength: 1, maxLength: 5 });

/** Everything observable a run leaves behind, for comparison. */
interface Observation {
  status: string;
  result?: unknown;
  error?: string;
  log: unknown[];
}

/** Interprets a workflow; step bodies report each run to `onRun`. */
function interpret(nodes: Node[], onRun: (operationId: string, attempt: number) => void, semantics?: StepSemantics) {
  const run = async (ctx: DurableContext, n: Node): Promise<unknown> => {
    switch (n.kind) {
      case "step":
        return ctx
          .step(
            n.name,
            async ({ attempt, operationId }) => {
              onRun(operationId, attempt);
              if (n.permanent && attempt > n.failTimes) throw new Error(`${n.name} gave up`);
              if (attempt <= n.failTimes) throw new Error(`${n.name} failed attempt ${attempt}`);
              return `${n.name}#${attempt}`;
            },
            {
              semantics,
              retryStrategy: createRetryStrategy({ maxAttempts: n.failTimes + 1 + (semantics ? 3 : 0), initialDelay: { seconds: 1 }, jitter: JitterStrategy.NONE }),
            },
          )
          .catch((error: Error) => `caught ${error.name}: ${error.message}`);
      case "wait":
        await ctx.wait({ seconds: n.seconds });
        return `waited ${n.seconds}`;
      case "child":
        return ctx.runInChildContext(n.name, async (child) => {
          const out: unknown[] = [];
          for (const c of n.children) out.push(await run(child, c));
          return out;
        });
      case "pair":
        return Promise.all([run(ctx, n.left), run(ctx, n.right)]);
    }
  };
  return durable(async (_e, ctx) => {
    const out: unknown[] = [];
    for (const n of nodes) out.push(await run(ctx, n));
    return out;
  });
}

function observe(result: Awaited<ReturnType<ReturnType<typeof runnerFor>["run"]>>): Observation {
  const log = result.getOperations().map((op) => {
    const o: Operation = op.getOperationData();
    return {
      id: o.Id,
      parent: o.ParentId,
      type: o.Type,
      subType: o.SubType,
      name: o.Name,
      status: o.Status,
      attempt: o.StepDetails?.Attempt,
      result: o.StepDetails?.Result ?? o.ContextDetails?.Result,
      error: (o.StepDetails?.Error ?? o.ContextDetails?.Error)?.ErrorMessage,
    };
  });
  const status = result.getStatus();
  return status === "SUCCEEDED" ? { status, result: result.getResult(), log } : { status, error: result.getError().errorMessage, log };
}

type CutMode = "before-send" | "lost-response";

/**
 * Runs the workflow with the invocation cut once, at checkpoint call `cutAt` (0-based): either the
 * call never reaches the service, or it is applied and its response lost. The runner then re-invokes
 * as Lambda would. Records body runs that happen after their step's SUCCEED was persisted.
 */
async function runWithCut(nodes: Node[], cutAt: number | undefined, mode: CutMode, semantics?: StepSemantics) {
  const persistedSucceed = new Set<string>();
  const violations: string[] = [];
  const attemptsRun = new Map<string, number>();
  let calls = 0;
  let cut = false;
  const onRun = (operationId: string, attempt: number) => {
    if (persistedSucceed.has(operationId)) violations.push(`completed step ${operationId} ran again`);
    const key = `${operationId}@${attempt}`;
    attemptsRun.set(key, (attemptsRun.get(key) ?? 0) + 1);
  };
  const handler = withClient(interpret(nodes, onRun, semantics), (client) => ({
    getExecutionState: (p) => client.getExecutionState(p),
    checkpoint: async (request) => {
      const index = calls++;
      const cutNow = !cut && index === cutAt;
      if (cutNow) cut = true;
      if (cutNow && mode === "before-send") throw Object.assign(new Error("connection reset"), { name: "NetworkError" });
      const response = await client.checkpoint(request);
      for (const u of request.Updates ?? []) if (u.Type === "STEP" && u.Action === "SUCCEED") persistedSucceed.add(u.Id!);
      if (cutNow) throw Object.assign(new Error("response lost"), { name: "TimeoutError" });
      return response;
    },
  }));
  const result = await runnerFor(handler).run();
  return { observation: observe(result), violations, calls, attemptsRun };
}

describe("replay equals the uninterrupted run, whatever checkpoint the invocation is cut at", () => {
  it(`at-least-once steps, waits, nested child contexts and concurrent pairs (${WORKFLOWS} workflows, every cut point, both cut modes)`, async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(workflowArb, async (nodes) => {
        const baseline = await runWithCut(nodes, undefined, "before-send");
        expect(baseline.violations).toEqual([]);
        for (let k = 0; k < baseline.calls; k++) {
          for (const mode of ["before-send", "lost-response"] as const) {
            const cut = await runWithCut(nodes, k, mode);
            runs++;
            expect(cut.violations, `cut at ${k} (${mode})`).toEqual([]);
            expect(cut.observation, `cut at ${k} (${mode})`).toEqual(baseline.observation);
          }
        }
      }),
      { numRuns: WORKFLOWS },
    );
    expect(runs).toBeGreaterThan(WORKFLOWS);
  }, 600_000);

  it(`at-most-once steps never run the same attempt twice and still complete (${AT_MOST_ONCE_WORKFLOWS} workflows, every cut point, both cut modes)`, async () => {
    await fc.assert(
      fc.asyncProperty(workflowArb, async (nodes) => {
        const baseline = await runWithCut(nodes, undefined, "before-send", StepSemantics.AtMostOncePerRetry);
        for (let k = 0; k < baseline.calls; k++) {
          for (const mode of ["before-send", "lost-response"] as const) {
            const cut = await runWithCut(nodes, k, mode, StepSemantics.AtMostOncePerRetry);
            expect(cut.violations).toEqual([]);
            for (const [attempt, count] of cut.attemptsRun) expect(count, `${attempt} after cut at ${k} (${mode})`).toBe(1);
            expect(cut.observation.status).toBe(baseline.observation.status);
          }
        }
      }),
      { numRuns: AT_MOST_ONCE_WORKFLOWS },
    );
  }, 600_000);
});
