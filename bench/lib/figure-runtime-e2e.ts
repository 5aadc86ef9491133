/**
 * Figure 10: a plain function end to end through the local server's Runtime API, in the style of
 * the Lambda Runtime Interface Emulator: our runtime loop, and the official runtime interface
 * client (`aws-lambda-ric`) when it can be loaded here, serving the same function file.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { RuntimeE2eArgs, RuntimeE2eResult } from "../cases/runtime-e2e.js";
import { BENCH_DIR, bundleCase, runCase } from "./child.js";
import type { Plan } from "./plan.js";
import type { Row } from "./report.js";
import { formatNumber, summarize } from "./stats.js";

const WORKLOADS = [
  { name: "no-op", work: "noop", ms: 0 },
  { name: "sleep:20ms", work: "sleep", ms: 20 },
  { name: "sleep:50ms", work: "sleep", ms: 50 },
  { name: "cpu:20ms", work: "cpu", ms: 20 },
  { name: "cpu:50ms", work: "cpu", ms: 50 },
];

/**
 * Where `aws-lambda-ric` can be loaded from: `AWS_LAMBDA_RIC` (its folder), else the bench's own
 * node_modules. It is not a dependency: it builds native code (libcurl, aws-lambda-cpp) on install
 * and its 4.x declares Node >= 22 (see docs/performance.md).
 */
function ricEntry(): { entry?: string; why?: string } {
  const dir = process.env.AWS_LAMBDA_RIC;
  try {
    const require = createRequire(dir ? `${dir.replace(/\/$/, "")}/` : BENCH_DIR);
    const pkg = require.resolve(dir ? `${dir.replace(/\/$/, "")}/package.json` : "aws-lambda-ric/package.json");
    return { entry: `${dirname(pkg)}/index.mjs` };
  } catch {
    return { why: "aws-lambda-ric is not installed here (set AWS_LAMBDA_RIC to its folder to include it)" };
  }
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Typed where figures.ts lists it (importing the Figure type here would make a cycle). */
export const runtimeE2e = {
  id: 10,
  title: "A plain function end to end through the local server's Runtime API (our runtime loop; aws-lambda-ric where it runs)",
  method: (plan: Plan) =>
    `One child per runtime client starts the local server (\`@durable-ts/testing\`) with a plain function (\`{ external: true, durable: false }\`) and spawns its process: our loop (\`runBootstrap()\` of \`@durable-ts/sdk/runtime\`, bundled) or \`aws-lambda-ric\`, both loading the same \`bench/cases/e2e-function/index.mjs\`. The real \`LambdaClient\` invokes it over HTTP with \`LogType: Tail\`, one invocation at a time: ${plan.quick ? 1 : 3} warm-ups, then ${plan.quick ? 5 : 50} timed invocations per workload. "Duration" is the REPORT line's (server side: the Invoke queued → the function's answer received; the process is already polling, like a warm Lambda). Our loop's per-phase averages come from its \`invocation.metrics\` lines. The figure is the median; the spread is min–max.`,
  async run(plan: Plan, log: (message: string) => void): Promise<{ rows: Row[]; notes: string[] }> {
    const invocations = plan.quick ? 5 : 50;
    const warmups = plan.quick ? 1 : 3;
    const taskRoot = `${BENCH_DIR}cases/e2e-function`;
    const bootstrap = `${BENCH_DIR}${await bundleCase("cases/runtime-bootstrap.ts")}`;
    log(`  our runtime loop: ${WORKLOADS.length} workloads × ${invocations} invocations`);
    const ours = await runCase<RuntimeE2eResult>("cases/runtime-e2e.ts", {
      client: "ours",
      entry: bootstrap,
      taskRoot,
      workloads: WORKLOADS,
      invocations,
      warmups,
    } satisfies RuntimeE2eArgs);
    const ric = ricEntry();
    let official: RuntimeE2eResult | undefined;
    const notes: string[] = [];
    if (ric.entry) {
      log(`  aws-lambda-ric from ${ric.entry}`);
      try {
        official = await runCase<RuntimeE2eResult>("cases/runtime-e2e.ts", {
          client: "ric",
          entry: ric.entry,
          taskRoot,
          workloads: WORKLOADS,
          invocations,
          warmups,
        } satisfies RuntimeE2eArgs);
      } catch (error) {
        notes.push(`aws-lambda-ric did not run: ${(error as Error).message.split("\n").slice(0, 3).join(" ")}`);
      }
    } else notes.push(`"official" column: ${ric.why}.`);
    const rows: Row[] = [];
    for (const result of ours) {
      const other = official?.find((o) => o.name === result.name);
      rows.push({
        figure: 10,
        measure: `${result.name}: duration (server side)`,
        unit: "ms",
        ours: summarize(result.durationMs),
        official: other ? summarize(other.durationMs) : undefined,
        better: "lower",
      });
      rows.push({
        figure: 10,
        measure: `  ${result.name}: Invoke round trip (client)`,
        unit: "ms",
        ours: summarize(result.roundTripMs),
        official: other ? summarize(other.roundTripMs) : undefined,
        better: "lower",
      });
      if (result.phases) {
        const p = result.phases;
        const phase = (name: string) => (p[name] === undefined ? "n/a" : formatNumber(p[name]));
        notes.push(
          `${result.name}, our loop's phases (mean of ${invocations}): next ${phase("next_ms")} · unmarshal ${phase("unmarshal_ms")} · handler ${phase("handler_ms")} · marshal ${phase("marshal_ms")} · post ${phase("post_ms")} · total ${phase("total_ms")} ms, against a mean server-side duration of ${formatNumber(mean(result.durationMs))} ms.`,
        );
      }
    }
    return { rows, notes };
  },
};
