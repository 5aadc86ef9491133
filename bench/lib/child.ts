/**
 * Child processes: every case runs in a child (a fresh heap and module cache, and room for the
 * official kit's global fake timers). Cases are TypeScript; `runCase` bundles one with esbuild
 * (our packages from their sources, every npm package left external and loaded as published) and
 * runs the bundle with plain node, so no TypeScript loader shares the process or its memory. The
 * child prints exactly one `BENCH_RESULT <json>` line; anything else it prints (SDK logs) is ignored.
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { build } from "esbuild";
import { BENCH_DIR, MARKER, OUT_DIR, REPO_ROOT } from "./child-io.js";

export { BENCH_DIR, OUT_DIR, REPO_ROOT } from "./child-io.js";

const bundles = new Map<string, Promise<string>>();

/**
 * Bundles a case (path relative to bench/) into `.out/case-<name>/` once per run and returns the
 * entry's path relative to bench/. Code splitting keeps each SDK in its own chunk, so a child that
 * measures one SDK never loads the other. Not minified: CPU profiles map samples back to lines.
 */
export function bundleCase(script: string): Promise<string> {
  let bundle = bundles.get(script);
  if (!bundle) {
    const name = script.replace(/^cases\//, "").replace(/\.ts$/, "");
    mkdirSync(OUT_DIR, { recursive: true });
    bundle = build({
      entryPoints: { [name]: `${BENCH_DIR}${script}` },
      outdir: `${OUT_DIR}case-${name}`,
      outExtension: { ".js": ".mjs" },
      splitting: true,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      // @durable-ts/* resolve to packages/*/src through the root tsconfig paths, so they are bundled.
      tsconfig: `${REPO_ROOT}tsconfig.json`,
      logLevel: "silent",
    }).then(() => `.out/case-${name}/${name}.mjs`);
    bundles.set(script, bundle);
  }
  return bundle;
}

/** Runs a TypeScript case (path relative to bench/) from its bundle with plain node. */
export async function runCase<T>(script: string, args: unknown, options: Omit<ChildOptions, "tsx"> = {}): Promise<T> {
  return runChild<T>(await bundleCase(script), args, { ...options, tsx: false });
}

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
