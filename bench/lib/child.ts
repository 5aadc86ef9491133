/**
 * Child processes: figures that need a fresh heap, fresh module cache or global fake timers run
 * their case in a child. The child prints exactly one `BENCH_RESULT <json>` line; anything else
 * it prints (SDK logs) is ignored.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const MARKER = "BENCH_RESULT ";
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BENCH_DIR = fileURLToPath(new URL("../", import.meta.url));

export interface ChildOptions {
  /** Load the script through tsx (TypeScript sources, tsconfig paths). Default true. */
  tsx?: boolean;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /** Kill the child after this long. Default 5 minutes. */
  timeoutMs?: number;
}

/** Runs `script` (path relative to bench/) with `args` as one JSON argument and returns its result. */
export function runChild<T>(script: string, args: unknown, options: ChildOptions = {}): Promise<T> {
  const flags = [...(options.nodeFlags ?? []), ...(options.tsx === false ? [] : ["--import", "tsx"])];
  const child = spawn(process.execPath, [...flags, `${BENCH_DIR}${script}`, JSON.stringify(args)], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split("\n").find((l) => l.startsWith(MARKER));
      if (code === 0 && line) {
        resolve(JSON.parse(line.slice(MARKER.length)) as T);
        return;
      }
      const why = signal ? `killed by ${signal}${signal === "SIGKILL" ? ` after ${timeoutMs} ms` : ""}` : `exit code ${code}`;
      reject(new Error(`bench child ${script} ${JSON.stringify(args)} failed (${why}):\n${stderr.slice(-4000) || stdout.slice(-4000)}`));
    });
  });
}

/** In a child: the JSON argument its parent passed. */
export function childArgs<T>(): T {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error("bench child: expected one JSON argument");
  return JSON.parse(raw) as T;
}

/** In a child: hands the result to the parent and exits (the official kit keeps a worker thread alive). */
export function reportAndExit(result: unknown): never {
  process.stdout.write(`${MARKER}${JSON.stringify(result)}\n`);
  process.exit(0);
}
