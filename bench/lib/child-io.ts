/**
 * The child's side of a case: its argument in, its result out. Kept apart from `child.ts` (the
 * parent's side, which bundles with esbuild and spawns) so that a measured child loads neither:
 * esbuild alone adds ~10 MB to a process's RSS.
 */
import { fileURLToPath } from "node:url";

/** Prefix of the one line a child prints with its result. */
export const MARKER = "BENCH_RESULT ";
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BENCH_DIR = fileURLToPath(new URL("../", import.meta.url));
/** Scratch output: case bundles, hello-world bundles, CPU profiles. */
export const OUT_DIR = `${BENCH_DIR}.out/`;

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
