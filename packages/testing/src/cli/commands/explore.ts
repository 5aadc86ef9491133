/**
 * `durable-ts explore <file> [--input <json>]`: runs the handler once, then again cut at every
 * checkpoint (both cut modes; `--all` adds cuts inside batches), and prints what went wrong.
 * Exit 0 when every interrupted run matches the uninterrupted one, 1 otherwise.
 */
import type { DurableLambdaHandler } from "@durable-ts/sdk";
import { exploreInterruptions, InterruptionExplorationError, type ExplorationReport } from "../../exploration/index.js";
import { booleanValue, commandUsageHint, EXPORT_OPTION, integerValue, stringValue, type CommandSpec, type ParsedCommand } from "../args.js";
import { parseJsonArgument, usageError } from "../errors.js";
import type { CliIO } from "../io.js";
import { loadHandler } from "../load-handler.js";

async function exploreCommand(parsed: ParsedCommand, io: CliIO): Promise<number> {
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) throw usageError(`explore expects exactly one handler file\n${commandUsageHint(EXPLORE)}`);
  const inputText = stringValue(parsed, "input");
  const input = inputText === undefined ? {} : parseJsonArgument(inputText, "--input");
  const maxRuns = integerValue(parsed, "max-runs", { min: 1, max: 1_000_000 });
  const { handler } = await loadHandler(file, stringValue(parsed, "export"), io.cwd);
  let report: ExplorationReport;
  try {
    report = await exploreInterruptions(handler as DurableLambdaHandler, input, { points: booleanValue(parsed, "all") ? "all" : "checkpoints", maxRuns });
  } catch (error) {
    if (!(error instanceof InterruptionExplorationError)) throw error;
    report = error.report;
  }
  if (booleanValue(parsed, "json")) io.out(JSON.stringify(report, null, 2));
  else {
    io.out(`Baseline: ${report.baseline.status}; ${report.runs} interrupted runs; ${report.failures.length} failures`);
    for (const failure of report.failures.slice(0, 10)) io.out(`  ${failure.point} [${failure.kind}] ${failure.detail}`);
  }
  return report.failures.length === 0 ? 0 : 1;
}

export const EXPLORE: CommandSpec = {
  name: "explore",
  summary: "Run a handler, then again cut at every checkpoint, and report runs that end differently",
  positionals: "<file>",
  options: [
    EXPORT_OPTION,
    { name: "input", type: "string", placeholder: "<json>", description: "The event (JSON; default {})" },
    { name: "all", type: "boolean", description: "Also cut inside batches, not only at checkpoints" },
    { name: "max-runs", type: "string", placeholder: "<n>", description: "Stop after n interrupted runs" },
    { name: "json", type: "boolean", description: "Print the whole report as JSON" },
  ],
  run: exploreCommand,
};
