/**
 * Runs one function in its own process: `durable-ts __function-host <file>` with the Lambda
 * environment a Runtime API client expects (`AWS_LAMBDA_RUNTIME_API`, `AWS_ENDPOINT_URL_LAMBDA`,
 * dummy credentials, a region, the function's name).
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { CliError } from "./errors.js";

/** Options of {@link spawnFunctionProcess}. */
export interface FunctionProcessOptions {
  /** Function name (`AWS_LAMBDA_FUNCTION_NAME`). */
  name: string;
  /** Handler file and optional export. */
  file: string;
  exportName?: string;
  /** `host:port/runtime/<fn>` (LocalServer.runtimeApi). */
  runtimeApi: string;
  /** The server URL, for the SDK's LambdaClient (`AWS_ENDPOINT_URL_LAMBDA`). */
  endpoint: string;
  /** The CLI script to run (default: the running one, `process.argv[1]`). */
  cliEntry?: string;
  /** Node options of the child (default: this process's, e.g. `--import tsx`). */
  execArgv?: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  stdio?: StdioOptions;
}

/** The child's environment: the caller's, then the Lambda variables (credentials are dummies: the local server does not check them). */
export function functionProcessEnv(
  o: Pick<FunctionProcessOptions, "name" | "runtimeApi" | "endpoint" | "file" | "exportName">,
  base: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    ...base,
    AWS_LAMBDA_RUNTIME_API: o.runtimeApi,
    AWS_ENDPOINT_URL_LAMBDA: o.endpoint,
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_REGION: base.AWS_REGION ?? "us-east-1",
    AWS_LAMBDA_FUNCTION_NAME: o.name,
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: base.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? "1024",
    // The AWS SDK's documented switch: no Node-version notice in the function's output.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: base.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? "true",
    _HANDLER: `${o.file}${o.exportName ? `#${o.exportName}` : ""}`,
  };
  delete env.AWS_SESSION_TOKEN;
  delete env.AWS_PROFILE;
  return env;
}

/** Starts the process; it polls the Runtime API until it is killed. */
export function spawnFunctionProcess(o: FunctionProcessOptions): ChildProcess {
  const cliEntry = o.cliEntry ?? process.argv[1];
  if (cliEntry === undefined) throw new CliError("No CLI script to start the function process with: pass cliEntry (process.argv[1] is not set)");
  const args = [...(o.execArgv ?? process.execArgv), cliEntry, "__function-host", o.file, ...(o.exportName ? ["--export", o.exportName] : [])];
  return spawn(process.execPath, args, {
    cwd: o.cwd,
    env: functionProcessEnv(o, o.env ?? process.env) as NodeJS.ProcessEnv,
    stdio: o.stdio ?? "inherit",
  });
}
