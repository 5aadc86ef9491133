/**
 * `durable-ts replay <file> <fixture.json>`: replays a saved history against the handler in
 * `file`, offline, and prints the first divergence. Exit 0 when it matches, 1 when it diverges.
 */
import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { DurableLambdaHandler } from "@durable-ts/sdk";
import { replayHistory } from "../../history/index.js";
import { usageError } from "../errors.js";
import type { CliIO } from "../io.js";
import { loadHandler } from "../load-handler.js";

export const REPLAY_USAGE = "durable-ts replay <file> <fixture.json> [--export h] [--json]";

export async function replayCommand(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { export: { type: "string" }, json: { type: "boolean" } } });
  } catch (error) {
    throw usageError(`${error instanceof Error ? error.message : String(error)}\nusage: ${REPLAY_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 2) throw usageError(`replay expects a handler file and a fixture file\nusage: ${REPLAY_USAGE}`);
  const { handler } = await loadHandler(positionals[0], values.export, io.cwd);
  const fixture = isAbsolute(positionals[1]) ? positionals[1] : resolve(io.cwd, positionals[1]);
  const report = await replayHistory(handler as DurableLambdaHandler, fixture);
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else if (report.ok) io.out(`Replay matches: ${report.replayedOperations} operations replayed${report.reachedFrontier ? ", stopped at the frontier" : ""}`);
  else io.out(`Replay diverges at ${report.divergence?.position}: ${report.divergence?.message}`);
  return report.ok ? 0 : 1;
}
