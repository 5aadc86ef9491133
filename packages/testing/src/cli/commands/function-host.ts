/**
 * `durable-ts __function-host <file> [--export h]` (internal): the body of a function process.
 * Loads the Runtime API loop of `@durable-ts/sdk/runtime` (or the module named by
 * `DURABLE_TS_RUNTIME_MODULE`), then serves the handler; a load failure is reported on
 * `/init/error` and ends the process.
 */
import { EXPORT_OPTION, stringValue, type CommandSpec, type ParsedCommand } from "../args.js";
import { CliError, usageError } from "../errors.js";
import type { CliIO } from "../io.js";
import { HandlerLoadError, loadHandler } from "../load-handler.js";

/** Loads the handler; a failure carries Lambda's init error type as its name (it goes to `/init/error`). */
async function loadForRuntime(file: string, exportName: string | undefined, cwd: string): Promise<(event: unknown, context: unknown) => unknown> {
  try {
    return (await loadHandler(file, exportName, cwd)).handler as (event: unknown, context: unknown) => unknown;
  } catch (error) {
    const initError = new Error(error instanceof Error ? error.message : String(error));
    initError.name = error instanceof HandlerLoadError ? error.runtimeErrorType : "Runtime.ImportModuleError";
    throw initError;
  }
}

/** The part of `@durable-ts/sdk/runtime` used here. */
interface RuntimeModule {
  LambdaRuntime: new (o: {
    runtimeApi: string;
    handler: { load: () => Promise<(event: unknown, context: unknown) => unknown> };
    function?: Record<string, string>;
    onTraceId?: (traceId: string | undefined) => void;
  }) => { run(): Promise<void>; failCurrent(error: unknown): Promise<boolean> };
  functionEnvironment(env: Record<string, string | undefined>): Record<string, string>;
}

async function importRuntime(specifier: string): Promise<RuntimeModule> {
  try {
    return (await import(specifier)) as RuntimeModule;
  } catch (error) {
    throw new CliError(`Cannot load the Runtime API loop from ${specifier}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function functionHostCommand(parsed: ParsedCommand, io: CliIO): Promise<number> {
  const [file] = parsed.positionals;
  if (!file) throw usageError("__function-host expects a handler file");
  const runtimeApi = io.env.AWS_LAMBDA_RUNTIME_API;
  if (!runtimeApi) throw new CliError("AWS_LAMBDA_RUNTIME_API is not set");
  const runtimeModule = await importRuntime(io.env.DURABLE_TS_RUNTIME_MODULE ?? "@durable-ts/sdk/runtime");
  const runtime = new runtimeModule.LambdaRuntime({
    runtimeApi,
    handler: { load: () => loadForRuntime(file, stringValue(parsed, "export"), io.cwd) },
    function: runtimeModule.functionEnvironment(io.env),
    onTraceId: (traceId) => {
      if (traceId === undefined) delete process.env._X_AMZN_TRACE_ID;
      else process.env._X_AMZN_TRACE_ID = traceId;
    },
  });
  // As on Lambda: an uncaught error fails the running invocation and ends the process.
  const fatal = (error: unknown) => {
    io.err(`Uncaught error in ${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    void runtime
      .failCurrent(error)
      .catch(() => undefined)
      .finally(() => process.exit(1));
  };
  process.on("uncaughtException", fatal);
  process.on("unhandledRejection", fatal);
  try {
    await runtime.run();
  } catch (error) {
    throw new CliError(`${file}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  return 0;
}

export const FUNCTION_HOST: CommandSpec = {
  name: "__function-host",
  summary: "Serve one handler through the Lambda Runtime API (started by serve)",
  positionals: "<file>",
  options: [EXPORT_OPTION],
  hidden: true,
  run: functionHostCommand,
};
