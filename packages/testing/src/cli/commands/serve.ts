/**
 * `durable-ts serve`: the local server, each `--function` (durable) and `--url` (plain, behind a
 * Function URL) in its own process (restarted when it exits), `--external` functions left to
 * processes the user starts.
 */
import type { ChildProcess } from "node:child_process";
import { startLocalServer } from "../../server/index.js";
import { booleanValue, integerValue, listValue, stringValue, type CommandContext, type CommandSpec, type ParsedCommand } from "../args.js";
import { CliError, usageError } from "../errors.js";
import { spawnFunctionProcess } from "../function-process.js";
import type { CliIO } from "../io.js";
import { FUNCTION_NAME, parseFunctionOption, parseNamedFile } from "./function-option.js";
import { serveActors } from "./serve-actors.js";

/** A function process that keeps dying is not restarted forever. */
const MAX_RESTARTS = 5;
const MAX_EXECUTION_TIMEOUT_SECONDS = 31_622_400;

/**
 * `--execution-timeout <seconds|none>` for every function, `--execution-timeout <name>=<seconds|none>`
 * for one (repeatable). Without it, the service's default of one day applies.
 */
function parseExecutionTimeouts(options: string[], names: string[]): { all: number | null | undefined; perFunction: Record<string, number | null> } {
  let all: number | null | undefined;
  const perFunction: Record<string, number | null> = {};
  const seconds = (value: string, option: string): number | null => {
    if (value === "none") return null;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > MAX_EXECUTION_TIMEOUT_SECONDS) {
      throw usageError(`--execution-timeout expects 1 to ${MAX_EXECUTION_TIMEOUT_SECONDS} seconds or none, received ${JSON.stringify(option)}`);
    }
    return n;
  };
  for (const option of options) {
    const eq = option.indexOf("=");
    if (eq < 0) {
      all = seconds(option, option);
      continue;
    }
    const name = option.slice(0, eq);
    if (!names.includes(name)) throw usageError(`--execution-timeout ${option}: ${JSON.stringify(name)} is not a --function or --external name`);
    perFunction[name] = seconds(option.slice(eq + 1), option);
  }
  return { all, perFunction };
}

async function serveCommand(parsed: ParsedCommand, io: CliIO, o: CommandContext): Promise<number> {
  if (parsed.positionals.length > 0) throw usageError(`serve takes no positional arguments, received ${JSON.stringify(parsed.positionals[0])}`);
  const port = integerValue(parsed, "port", { min: 0, max: 65_535 }) ?? 4126;
  const checkpointLatencyMs = integerValue(parsed, "checkpoint-latency", { min: 0, max: 60_000 }) ?? 0;
  const actors = listValue(parsed, "actor");
  if (actors.length > 0) {
    if (listValue(parsed, "function").length > 0 || listValue(parsed, "external").length > 0 || listValue(parsed, "url").length > 0) {
      throw usageError(
        "--actor serves plain Lambda handlers on its own server; run durable functions (--function, --external) and Function URLs (--url) in another serve process",
      );
    }
    return serveActors(actors, { port, host: stringValue(parsed, "host") }, io);
  }
  const processes = [
    ...listValue(parsed, "function").map((option) => ({ ...parseFunctionOption(option), durable: true })),
    ...listValue(parsed, "url").map((option) => ({ ...parseNamedFile(option, "--url"), durable: false })),
  ];
  const externals = listValue(parsed, "external");
  for (const name of externals)
    if (!FUNCTION_NAME.test(name)) throw usageError(`--external: a function name must be 1-64 characters of [a-zA-Z0-9-_], received ${JSON.stringify(name)}`);
  const all = [...processes.map((p) => p.name), ...externals];
  const duplicate = all.find((name, i) => all.indexOf(name) !== i);
  if (duplicate) throw usageError(`Function ${duplicate} is given twice`);
  // Execution timeouts are for durable functions; a plain function's invocations have --function-timeout.
  const names = all.filter((name) => processes.find((p) => p.name === name)?.durable !== false);
  const timeouts = parseExecutionTimeouts(listValue(parsed, "execution-timeout"), names);
  // A timeout for every function is the default of each one without its own.
  if (timeouts.all !== undefined) for (const name of names) if (!(name in timeouts.perFunction)) timeouts.perFunction[name] = timeouts.all;
  // Lambda's function timeout: 1 to 900 seconds.
  const functionTimeoutSeconds = integerValue(parsed, "function-timeout", { min: 1, max: 900 }) ?? 900;
  const dataFile = stringValue(parsed, "data");
  if (dataFile !== undefined && dataFile.trim() === "") throw usageError("--data expects a file path, received an empty string");

  const children = new Map<string, ChildProcess>();
  /** Children killed because an invocation timed out: Lambda resets such a sandbox; it is no crash. */
  const timedOut = new WeakSet<ChildProcess>();
  const killStuck = (name: string) => {
    const child = children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    timedOut.add(child);
    child.kill("SIGKILL");
  };

  const server = await startLocalServer({
    port,
    host: stringValue(parsed, "host"),
    skipTime: booleanValue(parsed, "skip-time"),
    checkpointLatencyMs,
    invocationTimeoutMs: functionTimeoutSeconds * 1000,
    executionTimeouts: timeouts.perFunction,
    dataFile,
    functions: Object.fromEntries(
      all.map((name) => [
        name,
        {
          external: true as const,
          durable: processes.find((p) => p.name === name)?.durable !== false,
          timeoutMs: functionTimeoutSeconds * 1000,
          onTimeout: () => killStuck(name),
        },
      ]),
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
  const lines = [`durable-ts local server listening on ${server.url}`, `  console: ${server.url}/`, `  clients: AWS_ENDPOINT_URL_LAMBDA=${server.url}`];
  if (dataFile !== undefined) lines.push(`  data: ${dataFile} (${server.backend.listExecutionArns().length} executions kept)`);
  for (const p of processes) {
    start(p, 0);
    lines.push(
      `  function ${p.name}: ${p.file}${p.exportName ? `#${p.exportName}` : ""} (own process${p.durable ? "" : `, Function URL ${server.functionUrl(p.name)}`})`,
    );
  }
  for (const name of externals)
    lines.push(`  function ${name}: external, run it with AWS_LAMBDA_RUNTIME_API=${server.runtimeApi(name)} AWS_ENDPOINT_URL_LAMBDA=${server.url}`);
  io.out(lines.join("\n"));

  await stopped;
  stopping = true;
  for (const child of children.values()) child.kill("SIGTERM");
  await server.close();
  return 0;
}

export const SERVE: CommandSpec = {
  name: "serve",
  summary: "Start the local durable functions server, its web console, and a process per function",
  options: [
    { name: "port", type: "string", placeholder: "<port>", description: "Port to listen on (default 4126; 0: any free port)" },
    { name: "host", type: "string", placeholder: "<address>", description: "Interface to listen on (default 127.0.0.1: this machine only)" },
    {
      name: "function",
      type: "string",
      multiple: true,
      placeholder: "<name>=<file>[#export]",
      description: "Serve a handler file as function <name>, in its own process",
    },
    {
      name: "url",
      type: "string",
      multiple: true,
      placeholder: "<name>=<file>[#export]",
      description: "Serve a plain handler file as function <name> behind a Function URL, in its own process",
    },
    { name: "external", type: "string", multiple: true, placeholder: "<name>", description: "Register a function whose Runtime API process you start yourself" },
    { name: "skip-time", type: "boolean", description: "Jump the clock to the next timer when nothing else can happen (default: real time)" },
    {
      name: "execution-timeout",
      type: "string",
      multiple: true,
      placeholder: "[<name>=]<seconds|none>",
      description: "Execution timeout of every function, or of function <name> (default 86400: one day)",
    },
    { name: "checkpoint-latency", type: "string", placeholder: "<ms>", description: "Real milliseconds added to each checkpoint (default 0)" },
    {
      name: "function-timeout",
      type: "string",
      placeholder: "<seconds>",
      description: "Lambda's function timeout of every invocation, 1-900 (default 900); a stuck process is restarted",
    },
    { name: "data", type: "string", placeholder: "<file>", description: "Keep executions in this SQLite file across restarts (default: in memory)" },
    {
      name: "actor",
      type: "string",
      multiple: true,
      placeholder: "<name>=<file>[#export]",
      description: "Serve an actor handler file as plain function <name> (alone: not with --function)",
    },
  ],
  notes: ["Ctrl-C (SIGINT) or SIGTERM stops the server and its function processes."],
  run: serveCommand,
};
