/**
 * `durable-ts explore <file> [--input <json>]`: runs the handler once, then again cut at every
 * checkpoint (both cut modes; `--all` adds cuts inside batches), and prints what went wrong.
 * Exit 0 when every interrupted run matches the uninterrupted one, 1 otherwise.
 */
import { parseArgs } from "node:util";
import type { DurableLambdaHandler } from "@durable-ts/sdk";
import { exploreInterruptions, InterruptionExplorationError, type ExplorationReport } from "../../history/index.js";
import { parseJsonArgument, usageError } from "../errors.js";
import type { CliIO } from "../io.js";
import { loadHandler } from "../load-handler.js";

export const EXPLORE_USAGE = "durable-ts explore <file> [--export h] [--input <json>] [--all] [--max-runs N] [--json]";

export async function exploreCommand(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { export: { type: "string" }, input: { type: "string" }, all: { type: "boolean" }, "max-runs": { type: "string" }, json: { type: "boolean" } },
    });
  } catch (error) {
    throw usageError(`${error instanceof Error ? error.message : String(error)}\nusage: ${EXPLORE_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw usageError(`explore expects exactly one handler file\nusage: ${EXPLORE_USAGE}`);
  const input = values.input === undefined ? {} : parseJsonArgument(values.input, "--input");
  const maxRuns = values["max-runs"] === undefined ? undefined : Number(values["max-runs"]);
  if (maxRuns !== undefined && (!Number.isInteger(maxRuns) || maxRuns < 1)) throw usageError(`--max-runs expects a positive integer, received ${values["max-runs"]}`);
  const { handler } = await loadHandler(positionals[0], values.export, io.cwd);
  let report: ExplorationReport;
  try {
    report = await exploreInterruptions(handler as DurableLambdaHandler, input, { points: values.all ? "all" : "checkpoints", maxRuns });
  } catch (error) {
    if (!(error instanceof InterruptionExplorationError)) throw error;
    report = error.report;
  }
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else {
    io.out(`Baseline: ${report.baseline.status}; ${report.runs} interrupted runs; ${report.failures.length} failures`);
    for (const failure of report.failures.slice(0, 10)) io.out(`  ${failure.point} [${failure.kind}] ${failure.detail}`);
  }
  return report.failures.length === 0 ? 0 : 1;
}
