/**
 * The `durable-ts` command line (api.md §7). Exit codes: 0 ok, 1 the execution or the command
 * failed, 2 bad usage.
 */
import { callbackCommand, CALLBACK_USAGE } from "./commands/callback.js";
import { functionHostCommand } from "./commands/function-host.js";
import { historyCommand, HISTORY_USAGE } from "./commands/history.js";
import { runCommand, RUN_USAGE } from "./commands/run.js";
import { serveCommand, SERVE_USAGE } from "./commands/serve.js";
import { replayCommand, REPLAY_USAGE } from "./commands/replay.js";
import { exploreCommand, EXPLORE_USAGE } from "./commands/explore.js";
import { SERVE_ACTORS_USAGE } from "./commands/serve-actors.js";
import { CliError } from "./errors.js";
import { processIO, type CliIO } from "./io.js";

export const USAGE = [
  "usage:",
  `  ${RUN_USAGE}`,
  `  ${SERVE_USAGE}`,
  `  ${SERVE_ACTORS_USAGE}`,
  `  ${CALLBACK_USAGE}`,
  `  ${HISTORY_USAGE}`,
  `  ${REPLAY_USAGE}`,
  `  ${EXPLORE_USAGE}`,
  "  run-durable <file> [no-skip-time] [verbose] [show-history]   (compat alias of run)",
].join("\n");

/** Options for the process that serves functions (`serve`): how to start function processes. */
export interface MainOptions {
  /** The CLI script function processes run (default `process.argv[1]`). */
  cliEntry?: string;
  /** Their Node options (default `process.execArgv`). */
  execArgv?: string[];
}

/** Runs one command line (`argv` without node and the script) and resolves with the exit code. */
export async function main(argv: string[], io: CliIO = processIO(), o: MainOptions = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "run":
        return await runCommand(rest, io);
      case "serve":
        return await serveCommand(rest, io, o);
      case "callback":
        return await callbackCommand(rest, io);
      case "history":
        return await historyCommand(rest, io);
      case "replay":
        return await replayCommand(rest, io);
      case "explore":
        return await exploreCommand(rest, io);
      case "__function-host":
        return await functionHostCommand(rest, io);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`Unknown command ${JSON.stringify(command)}\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`durable-ts: ${error.message}`);
      return error.exitCode;
    }
    io.err(`durable-ts: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

/** `run-durable <file> [no-skip-time] [verbose] [show-history]` (the official kit's syntax) as a `run` command line. */
export function runDurableArgs(argv: string[]): string[] {
  const [file, ...flags] = argv;
  const args = ["run", ...(file === undefined ? [] : [file])];
  for (const flag of flags) {
    if (flag === "no-skip-time") args.push("--real-time");
    else if (flag === "verbose") args.push("--verbose");
    else if (flag === "show-history") args.push("--history");
    else args.push(flag); // left for run to judge (e.g. --input)
  }
  return args;
}

/** Ends the process with `code` once stdout and stderr are flushed (lingering timers must not keep it alive). */
export async function exitWith(code: number): Promise<never> {
  await Promise.all([new Promise((resolve) => process.stdout.write("", resolve)), new Promise((resolve) => process.stderr.write("", resolve))]);
  process.exit(code);
}
