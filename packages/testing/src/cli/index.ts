/**
 * The `durable-ts` CLI as a library: `main(argv)` and the pieces `serve` uses to run functions
 * in their own processes. Notes: docs/cli.md.
 */
export { exitWith, main, runDurableArgs, USAGE, COMMANDS, type MainOptions } from "./cli.js";
export { commandHelp, type CommandSpec, type OptionSpec, type ParsedCommand } from "./args.js";
export { processIO, type CliIO } from "./io.js";
export { CliError } from "./errors.js";
export { HandlerLoadError, loadHandler, splitHandlerSpec, type HandlerLoadFailure } from "./load-handler.js";
export { spawnFunctionProcess, functionProcessEnv, type FunctionProcessOptions } from "./function-process.js";
