/**
 * `durable-ts serve`: the local server, each `--function` in its own process (restarted when it
 * exits), `--external` functions left to processes the user starts.
 */
import type { ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { startLocalServer } from "../../server/index.js";
import { usageError } from "../errors.js";
import { spawnFunctionProcess } from "../function-process.js";
import type { CliIO } from "../io.js";
import { splitHandlerSpec } from "../load-handler.js";

export const SERVE_USAGE =
  "durable-ts serve [--port 4126] [--host 127.0.0.1] [--function <name>=<file>[#export]]... [--external <name>]... [--skip-time] [--checkpoint-latency <ms>] [--execution-timeout <name>=<seconds|none>]...";

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

function integerOption(value: string | undefined, option: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw usageError(`${option} expects an integer from 0 to ${max}, received ${JSON.stringify(value)}`);
  return n;
}

/** `--execution-timeout <name>=<seconds|none>`: a function's execution timeout (default the service's 1 day). */
function parseExecutionTimeouts(options: string[], names: string[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const option of options) {
    const eq = option.indexOf("=");
    const name = option.slice(0, eq);
    const value = option.slice(eq + 1);
    if (eq <= 0 || !names.includes(name)) throw usageError(`--execution-timeout expects <name>=<seconds|none> for a --function or --external name, received ${JSON.stringify(option)}`);
    out[name] = value === "none" ? null : integerOption(value, "--execution-timeout", 0, 31_622_400);
    if (out[name] === 0) throw usageError(`--execution-timeout expects 1 to 31622400 seconds or none, received ${JSON.stringify(value)}`);
  }
  return out;
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
        "execution-timeout": { type: "string", multiple: true },
      },
    });
  } catch (error) {
    throw usageError(`${error instanceof Error ? error.message : String(error)}\nusage: ${SERVE_USAGE}`);
  }
  const { values } = parsed;
  const port = integerOption(values.port, "--port", 4126, 65_535);
  const checkpointLatencyMs = integerOption(values["checkpoint-latency"], "--checkpoint-latency", 0, 60_000);
  const processes = (values.function ?? []).map(parseFunctionOption);
  const externals = values.external ?? [];
  for (const name of externals) if (!NAME.test(name)) throw usageError(`--external: a function name must be 1-64 characters of [a-zA-Z0-9-_], received ${JSON.stringify(name)}`);
  const names = [...processes.map((p) => p.name), ...externals];
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw usageError(`Function ${duplicate} is given twice`);

  const server = await startLocalServer({
    port,
    host: values.host,
    skipTime: values["skip-time"] ?? false,
    checkpointLatencyMs,
    executionTimeouts: parseExecutionTimeouts(values["execution-timeout"] ?? [], names),
    functions: Object.fromEntries(names.map((name) => [name, { external: true as const }])),
  });
  // Listen for the stop signal before anything else can be observed from outside.
  const stopped = io.untilStopped();

  let stopping = false;
  const children = new Map<string, ChildProcess>();
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
      if (restarts >= MAX_RESTARTS) {
        io.err(`function ${p.name}: process exited (${signal ?? code}) ${restarts + 1} times; not restarting`);
        return;
      }
      io.err(`function ${p.name}: process exited (${signal ?? code}); restarting`);
      setTimeout(() => start(p, restarts + 1), 250 * (restarts + 1));
    });
  };
  const lines = [`durable-ts local server listening on ${server.url}`, `  clients: AWS_ENDPOINT_URL_LAMBDA=${server.url}`];
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
