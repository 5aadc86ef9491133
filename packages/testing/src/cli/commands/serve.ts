/**
 * `durable-ts serve`: the local server, each `--function` in its own process (restarted when it
 * exits), `--external` functions left to processes the user starts.
 */
import type { ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { startLocalServer } from "../../server/index.js";
import { CliError, usageError } from "../errors.js";
import { spawnFunctionProcess } from "../function-process.js";
import type { CliIO } from "../io.js";
import { splitHandlerSpec } from "../load-handler.js";

export const SERVE_USAGE =
  "durable-ts serve [--port 4126] [--host 127.0.0.1] [--function <name>=<file>[#export]]... [--external <name>]... [--skip-time] [--checkpoint-latency <ms>] [--function-timeout <seconds>] [--data <file>]";

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** A function process that keeps dying is not restarted forever. */
const MAX_RESTARTS = 5;

function parseFunctionOption(option: string): { name: string; file: string; exportName?: string } {
  const eq = option.indexOf("=");
  if (eq <= 0 || eq === option.length - 1) throw usageError(`--function expects <name>=<file>[#export], received ${JSON.stringify(option)}`);
  const name = option.slice(0, eq);
  if (!NAME.test(name)) throw usageError(`--function: a function name must be 1-64 characters of [a-zA-Z0-9-_], received ${JSON.stringify(name)}`);
  return { name, ...splitHandlerSpec(option.slice(eq + 1)) };
}

function integerOption(value: string | undefined, option: string, fallback: number, max: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw usageError(`${option} expects an integer from ${min} to ${max}, received ${JSON.stringify(value)}`);
  return n;
}

export async function serveCommand(argv: string[], io: CliIO, o: { cliEntry?: string; execArgv?: string[] } = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        function: { type: "string", multiple: true },
        external: { type: "string", multiple: true },
        "skip-time": { type: "boolean" },
        "checkpoint-latency": { type: "string" },
        "function-timeout": { type: "string" },
        data: { type: "string" },
      },
    });
  } catch (error) {
    throw usageError(`${error instanceof Error ? error.message : String(error)}\nusage: ${SERVE_USAGE}`);
  }
  const { values } = parsed;
  const port = integerOption(values.port, "--port", 4126, 65_535);
  const checkpointLatencyMs = integerOption(values["checkpoint-latency"], "--checkpoint-latency", 0, 60_000);
  // Lambda's function timeout: 1 to 900 seconds.
  const functionTimeoutSeconds = integerOption(values["function-timeout"], "--function-timeout", 900, 900, 1);
  const processes = (values.function ?? []).map(parseFunctionOption);
  const externals = values.external ?? [];
  for (const name of externals) if (!NAME.test(name)) throw usageError(`--external: a function name must be 1-64 characters of [a-zA-Z0-9-_], received ${JSON.stringify(name)}`);
  const names = [...processes.map((p) => p.name), ...externals];
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw usageError(`Function ${duplicate} is given twice`);

  const children = new Map<string, ChildProcess>();
  /** Children killed because an invocation timed out: Lambda resets such a sandbox; it is no crash. */
  const timedOut = new WeakSet<ChildProcess>();
  const killStuck = (name: string) => {
    const child = children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    timedOut.add(child);
    child.kill("SIGKILL");
  };
  if (values.data !== undefined && values.data.trim() === "") throw usageError("--data expects a file path, received an empty string");
  const server = await startLocalServer({
    port,
    host: values.host,
    skipTime: values["skip-time"] ?? false,
    checkpointLatencyMs,
    invocationTimeoutMs: functionTimeoutSeconds * 1000,
    dataFile: values.data,
    functions: Object.fromEntries(
      names.map((name) => [name, { external: true as const, timeoutMs: functionTimeoutSeconds * 1000, onTimeout: () => killStuck(name) }]),
    ),
  }).catch((error: unknown) => {
    // A data file that cannot be used is the user's to fix, not a crash.
    throw error instanceof Error && error.name === "DataFileError" ? new CliError(error.message) : error;
  });
  // Listen for the stop signal before anything else can be observed from outside.
  const stopped = io.untilStopped();

  let stopping = false;
  const start = (p: (typeof processes)[number], restarts: number) => {
    const child = spawnFunctionProcess({
      name: p.name,
      file: p.file,
      exportName: p.exportName,
      runtimeApi: server.runtimeApi(p.name),
      endpoint: server.url,
      cliEntry: o.cliEntry,
      execArgv: o.execArgv,
      env: io.env,
      cwd: io.cwd,
    });
    children.set(p.name, child);
    child.on("exit", (code, signal) => {
      if (stopping) return;
      // Whatever it was running fails now (Runtime.ExitError) and is retried by the service.
      server.functionProcessExited(p.name, signal ? `signal: ${signal}` : `exit status ${code}`);
      if (timedOut.has(child)) {
        io.err(`function ${p.name}: an invocation timed out after ${functionTimeoutSeconds} s; process restarted`);
        setTimeout(() => start(p, restarts), 0);
        return;
      }
      if (restarts >= MAX_RESTARTS) {
        io.err(`function ${p.name}: process exited (${signal ?? code}) ${restarts + 1} times; not restarting`);
        return;
      }
      io.err(`function ${p.name}: process exited (${signal ?? code}); restarting`);
      setTimeout(() => start(p, restarts + 1), 250 * (restarts + 1));
    });
  };
  const lines = [`durable-ts local server listening on ${server.url}`, `  clients: AWS_ENDPOINT_URL_LAMBDA=${server.url}`];
  if (values.data !== undefined) lines.push(`  data: ${values.data} (${server.backend.listExecutionArns().length} executions kept)`);
  for (const p of processes) {
    start(p, 0);
    lines.push(`  function ${p.name}: ${p.file}${p.exportName ? `#${p.exportName}` : ""} (own process)`);
  }
  for (const name of externals) lines.push(`  function ${name}: external, run it with AWS_LAMBDA_RUNTIME_API=${server.runtimeApi(name)} AWS_ENDPOINT_URL_LAMBDA=${server.url}`);
  io.out(lines.join("\n"));

  await stopped;
  stopping = true;
  for (const child of children.values()) child.kill("SIGTERM");
  await server.close();
  return 0;
}
