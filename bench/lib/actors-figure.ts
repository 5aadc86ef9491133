/**
 * Figure 9: actors (@durable-ts/actors, no official counterpart). Store requests per exclusive call
 * and calls per second on the embedded store and on DynamoDB served by dynalite on loopback.
 */
import type { ActorsArgs, ActorsResult } from "../cases/actors.js";
import { runCase } from "./child.js";
import type { Plan } from "./plan.js";
import type { Row } from "./report.js";
import { exact, summarize } from "./stats.js";

function argsFor(quick: boolean, runs: number): ActorsArgs {
  return quick
    ? { calls: { embedded: 200, dynalite: 40 }, runs: 1, instances: 4, actorIds: 8 }
    : { calls: { embedded: 5_000, dynalite: 200 }, runs, instances: 4, actorIds: 16 };
}

// Typed by shape, not by figures.ts's Figure, which imports this module.
export const actorsFigure = {
  id: 9,
  title: "Actors: store requests per exclusive call and calls per second (embedded store, DynamoDB on dynalite)",
  method: (plan: Plan) => {
    const a = argsFor(plan.quick, plan.runs);
    return `One child process. A counter actor's exclusive \`increment\` (mutate, \`save()\`, return) through \`actorClient(...).call\`. Requests per call: the store's request counter over ${a.calls.embedded} (embedded) / ${a.calls.dynalite} (dynalite) sequential calls on one actor id (checked: the version equals the number of calls). Sequential calls/s: those calls, one after another. Concurrent calls/s: the same number of calls at once from ${a.instances} runtimes (instances) over ${a.actorIds} actor ids (checked: no lost update). dynalite is DynamoDB's wire protocol on loopback (LevelDB in memory); its absolute rates say little about DynamoDB's, the request count carries over. ${a.runs} run(s), median.`;
  },
  async run(plan: Plan, log: (message: string) => void): Promise<{ rows: Row[] }> {
    const a = argsFor(plan.quick, plan.runs);
    log(`  actors: ${a.calls.embedded} calls on the embedded store, ${a.calls.dynalite} on dynalite`);
    const result = await runCase<ActorsResult>("cases/actors.ts", a);
    const rows: Row[] = [];
    for (const store of ["embedded", "dynalite"] as const) {
      const r = result[store];
      rows.push(
        {
          figure: 9,
          measure: `${store}: store requests per exclusive call`,
          unit: "requests",
          ours: exact(r.requestsPerCall),
          better: "lower",
          target: { kind: "atMost", limit: 2 },
        },
        { figure: 9, measure: `${store}: sequential exclusive calls/s, one actor id`, unit: "calls/s", ours: summarize(r.sequentialPerSecond), better: "higher" },
        {
          figure: 9,
          measure: `${store}: concurrent exclusive calls/s, ${a.instances} instances × ${a.actorIds} actor ids`,
          unit: "calls/s",
          ours: summarize(r.concurrentPerSecond),
          better: "higher",
        },
      );
    }
    return { rows };
  },
};
