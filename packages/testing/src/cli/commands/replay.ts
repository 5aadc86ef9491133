/**
 * `durable-ts replay <file> <fixture.json>`: replays a saved history against the handler in
 * `file`, offline, and prints the first divergence. Exit 0 when it matches, 1 when it diverges.
 */
import { isAbsolute, resolve } from "node:path";
import type { DurableLambdaHandler } from "@durable-ts/sdk";
import { replayHistory } from "../../history/index.js";
import { booleanValue, commandUsageHint, EXPORT_OPTION, stringValue, type CommandSpec, type ParsedCommand } from "../args.js";
import { usageError } from "../errors.js";
import type { CliIO } from "../io.js";
import { loadHandler } from "../load-handler.js";

async function replayCommand(parsed: ParsedCommand, io: CliIO): Promise<number> {
  const [file, fixtureFile, ...extra] = parsed.positionals;
  if (file === undefined || fixtureFile === undefined || extra.length > 0)
    throw usageError(`replay expects a handler file and a fixture file\n${commandUsageHint(REPLAY)}`);
  const { handler } = await loadHandler(file, stringValue(parsed, "export"), io.cwd);
  const fixture = isAbsolute(fixtureFile) ? fixtureFile : resolve(io.cwd, fixtureFile);
  const report = await replayHistory(handler as DurableLambdaHandler, fixture);
  if (booleanValue(parsed, "json")) io.out(JSON.stringify(report, null, 2));
  else if (report.ok) io.out(`Replay matches: ${report.replayedOperations} operations replayed${report.reachedFrontier ? ", stopped at the frontier" : ""}`);
  else io.out(`Replay diverges at ${report.divergence?.position}: ${report.divergence?.message}`);
  return report.ok ? 0 : 1;
}

export const REPLAY: CommandSpec = {
  name: "replay",
  summary: "Replay a saved history against a handler, offline, and print the first divergence",
  positionals: "<file> <fixture.json>",
  options: [EXPORT_OPTION, { name: "json", type: "boolean", description: "Print the replay report as JSON" }],
  run: replayCommand,
};
