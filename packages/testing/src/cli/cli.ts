/**
 * The `durable-ts` command line (api.md §7). Exit codes: 0 ok, 1 the execution or the command
 * failed, 2 bad usage.
 */
import { commandHelp, parseCommand, wantsHelp, type CommandSpec } from "./args.js";
import { CALLBACK } from "./commands/callback.js";
import { CREATE } from "./commands/create.js";
import { EXPLORE } from "./commands/explore.js";
import { FUNCTION_HOST } from "./commands/function-host.js";
import { HISTORY } from "./commands/history.js";
import { REPLAY } from "./commands/replay.js";
import { RUN } from "./commands/run.js";
import { SERVE } from "./commands/serve.js";
import { CliError } from "./errors.js";
import { processIO, type CliIO } from "./io.js";

/** Every command, in the order `durable-ts --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [RUN, SERVE, CALLBACK, HISTORY, REPLAY, EXPLORE, CREATE, FUNCTION_HOST];

/** `durable-ts --help`: the commands, one line each. */
export const USAGE = [
  "usage: durable-ts <command> [options]",
  "",
  "commands:",
  ...COMMANDS.filter((c) => !c.hidden).map((c) => `  ${c.name.padEnd(10)}${c.summary}`),
  "",
  "durable-ts <command> --help shows a command's options.",
  "run-durable <file> [no-skip-time] [verbose] [show-history] is the official testing kit's syntax for run.",
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
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      const topic = command === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      if (topic) {
        io.out(commandHelp(topic));
        return 0;
      }
      if (command === undefined) {
        io.err(USAGE);
        return 2;
      }
      io.out(USAGE);
      return 0;
    }
    const spec = COMMANDS.find((c) => c.name === command);
    if (!spec) {
      io.err(`Unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      return 2;
    }
    if (wantsHelp(rest)) {
      io.out(commandHelp(spec));
      return 0;
    }
    return await spec.run(parseCommand(spec, rest), io, o);
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
