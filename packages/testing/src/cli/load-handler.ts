/**
 * Loads a handler export from a file given on the command line. TypeScript files (`.ts`, `.mts`,
 * `.cts`, `.tsx`) load without a build step through `tsx` (an optional peer dependency).
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CliError } from "./errors.js";

/** Why a handler could not be loaded; a function process reports it as the matching Lambda init error. */
export type HandlerLoadFailure = "not-found" | "import" | "no-export";

/** A {@link CliError} saying why the handler did not load. */
export class HandlerLoadError extends CliError {
  readonly failure: HandlerLoadFailure;
  constructor(failure: HandlerLoadFailure, message: string) {
    super(message);
    this.failure = failure;
  }

  /** The Lambda init error type (`Runtime.ImportModuleError`, `Runtime.HandlerNotFound`). */
  get runtimeErrorType(): string {
    return this.failure === "no-export" ? "Runtime.HandlerNotFound" : "Runtime.ImportModuleError";
  }
}

const TYPESCRIPT = /\.[cm]?tsx?$/;
let typescriptRegistered = false;

/** Registers tsx's loader once; a clear message when tsx is not installed. */
async function registerTypeScript(): Promise<void> {
  if (typescriptRegistered) return;
  let api: { register(): unknown };
  try {
    api = (await import("tsx/esm/api")) as { register(): unknown };
  } catch {
    throw new CliError("Loading a TypeScript handler file needs tsx, an optional peer dependency of @durable-ts/testing: npm install --save-dev tsx");
  }
  api.register();
  typescriptRegistered = true;
}

/** `file#export` → its parts. */
export function splitHandlerSpec(spec: string): { file: string; exportName?: string } {
  const hash = spec.lastIndexOf("#");
  if (hash <= 0) return { file: spec };
  return { file: spec.slice(0, hash), exportName: spec.slice(hash + 1) || undefined };
}

/**
 * Imports `file` (relative to `cwd`) and returns its handler: the export named `exportName`, else
 * `handler`, else the default export. Throws a {@link CliError} naming the file for a missing file,
 * a failing import or a missing export (listing the exports found).
 */
export async function loadHandler(file: string, exportName: string | undefined, cwd: string): Promise<{ handler: (...args: any[]) => unknown; path: string }> {
  const path = resolve(cwd, file);
  if (statSync(path, { throwIfNoEntry: false })?.isFile() !== true) throw new HandlerLoadError("not-found", `Handler file not found: ${path}`);
  if (TYPESCRIPT.test(path)) await registerTypeScript();
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new HandlerLoadError("import", `Cannot load ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const candidates = exportName !== undefined ? [exportName] : ["handler", "default"];
  for (const name of candidates) {
    const value = module[name] ?? (module.default as Record<string, unknown> | undefined)?.[name];
    if (typeof value === "function") return { handler: value as (...args: any[]) => unknown, path };
  }
  const found = Object.keys(module).filter((key) => key !== "__esModule");
  const wanted = exportName !== undefined ? `an export named "${exportName}"` : `an export named "handler" (or a default export)`;
  throw new HandlerLoadError(
    "no-export",
    `${path} has no handler: expected ${wanted} that is a function; exports found: ${found.length > 0 ? found.join(", ") : "none"}`,
  );
}
