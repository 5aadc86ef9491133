/**
 * The custom-runtime entry: reads the function's environment as Lambda sets it
 * (`AWS_LAMBDA_RUNTIME_API`, `_HANDLER`, `LAMBDA_TASK_ROOT`, `AWS_LAMBDA_FUNCTION_*`), loads the
 * handler module and serves invocations until the process ends. This is the only place of the
 * runtime that reads `process.env`.
 */
import { statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { metricsSwitch } from "../config/environment.js";
import { functionEnvironment } from "./invocation-context.js";
import { LambdaRuntime, type RuntimeHandler } from "./runtime-loop.js";

function runtimeError(name: string, message: string, cause?: unknown): Error {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  error.name = name;
  return error;
}

/**
 * Loads `module.export` (Lambda's `_HANDLER` syntax, e.g. `index.handler` or `src/app.main`)
 * from `taskRoot`, trying the `.mjs`, `.js` and `.cjs` extensions (and the name as given).
 * Throws `Runtime.MalformedHandlerName`, `Runtime.ImportModuleError` or `Runtime.HandlerNotFound`.
 */
export async function loadHandlerModule(taskRoot: string, handlerSpec: string): Promise<RuntimeHandler> {
  const match = /^(.+)\.([^./]+)$/.exec(handlerSpec ?? "");
  // Both groups are mandatory, so a match always has them; the check narrows their types.
  const modulePath = match?.[1];
  const exportName = match?.[2];
  if (modulePath === undefined || exportName === undefined)
    throw runtimeError("Runtime.MalformedHandlerName", `Bad handler ${JSON.stringify(handlerSpec)}: expected "<module>.<export>", e.g. "index.handler"`);
  const base = isAbsolute(modulePath) ? modulePath : resolve(taskRoot, modulePath);
  const file = ["", ".mjs", ".js", ".cjs"].map((ext) => base + ext).find((candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile() === true);
  if (!file) throw runtimeError("Runtime.ImportModuleError", `Cannot find module ${modulePath} (.mjs, .js or .cjs) in ${taskRoot}`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw runtimeError("Runtime.ImportModuleError", `Error importing ${file}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  const handler = module[exportName] ?? (module.default as Record<string, unknown> | undefined)?.[exportName];
  if (typeof handler !== "function") throw runtimeError("Runtime.HandlerNotFound", `${file} has no exported function ${JSON.stringify(exportName)}`);
  return handler as RuntimeHandler;
}

/**
 * Serves a Lambda function from its environment: the handler named by `_HANDLER` under
 * `LAMBDA_TASK_ROOT` (default: the working directory), or `handler` if given. An uncaught
 * exception fails the running invocation and ends the process, as on Lambda; an unhandled
 * rejection is logged and the process keeps serving ({@link logStrayRejection}).
 * @example
 * // bootstrap.mjs of a custom runtime
 * import { runBootstrap } from "@durable-ts/sdk/runtime";
 * await runBootstrap();
 */
export async function runBootstrap(o: { handler?: RuntimeHandler; env?: Record<string, string | undefined> } = {}): Promise<void> {
  const env = o.env ?? process.env;
  const runtimeApi = env.AWS_LAMBDA_RUNTIME_API;
  if (!runtimeApi) throw new TypeError("AWS_LAMBDA_RUNTIME_API is not set: runBootstrap() must run inside Lambda or under a local Runtime API");
  const taskRoot = env.LAMBDA_TASK_ROOT ?? process.cwd();
  const runtime = new LambdaRuntime({
    runtimeApi,
    handler: o.handler ?? { load: () => loadHandlerModule(taskRoot, env._HANDLER ?? "index.handler") },
    function: functionEnvironment(env),
    // One switch for every metrics line: DURABLE_TS_METRICS=0 (or false) turns them off.
    metrics: metricsSwitch(env) ?? true,
    onTraceId: (traceId) => {
      if (traceId === undefined) delete process.env._X_AMZN_TRACE_ID;
      else process.env._X_AMZN_TRACE_ID = traceId;
    },
  });
  const fatal = (error: unknown) => {
    void runtime
      .failCurrent(error)
      .catch(() => undefined)
      .finally(() => process.exit(1));
  };
  const stray = (reason: unknown) => logStrayRejection(reason, runtime.currentRequestId);
  process.on("uncaughtException", fatal);
  process.on("unhandledRejection", stray);
  try {
    await runtime.run();
  } finally {
    process.off("uncaughtException", fatal);
    process.off("unhandledRejection", stray);
  }
}

/**
 * An unhandled rejection is logged and the process keeps serving. Code of an invocation that has
 * already answered (a dangling promise, a step body still running at suspension) may reject at
 * any later time, typically during the next invocation: ending the process there would fail a
 * healthy invocation for a fault that is not its own. Durable code loses nothing by it: whatever
 * the rejected work did not checkpoint runs again on replay. Lambda's managed Node.js runtime
 * exits instead (`Runtime.UnhandledPromiseRejection`); this difference is deliberate. A
 * synchronous uncaught exception stays fatal.
 */
export function logStrayRejection(reason: unknown, runningRequestId: string | undefined, write: (line: string) => void = (line) => process.stderr.write(line)): void {
  const error = reason instanceof Error ? reason : undefined;
  write(
    `${JSON.stringify({
      timestamp: new Date().toISOString(),
      level: "WARN",
      message: "Unhandled promise rejection, logged and ignored (likely from code of an invocation that already answered)",
      ...(runningRequestId !== undefined ? { requestId: runningRequestId } : {}),
      errorType: error?.name ?? typeof reason,
      errorMessage: error?.message ?? String(reason),
      ...(error?.stack ? { stackTrace: error.stack.split("\n") } : {}),
    })}\n`,
  );
}
