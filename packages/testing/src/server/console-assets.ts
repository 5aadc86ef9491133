/**
 * The web console's static files. The package ships them built (`dist/console/`: index.html,
 * app.js, app.css, made by scripts/build-console.mjs during the package build). Run from the
 * sources (tests, this repository), the page script is bundled once from src/console/app.ts with
 * esbuild, a development dependency, on first request.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** One file to serve. */
export interface ConsoleAsset {
  contentType: string;
  body: Buffer;
}

const TYPES: Record<ConsoleFile, string> = {
  "index.html": "text/html; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

/** The files the console serves, by name. */
export const CONSOLE_FILES = ["index.html", "app.js", "app.css"] as const;
export type ConsoleFile = (typeof CONSOLE_FILES)[number];

function moduleDir(): string {
  // ESM (the ESM bundle, the sources) has import.meta.url; in the CJS bundle import.meta is empty
  // and __dirname is the module's. (A global __dirname can exist in ESM too, e.g. under node -e.)
  const url = (import.meta as { url?: string }).url;
  if (typeof url === "string" && url.startsWith("file:")) return dirname(fileURLToPath(url));
  return __dirname;
}

/** Where the built files are (next to the bundle), or where the sources are. */
function locate(): { dir: string; built: boolean } {
  const here = moduleDir();
  for (const dir of [join(here, "console"), join(here, "..", "console")]) {
    if (existsSync(join(dir, "app.js")) && existsSync(join(dir, "index.html"))) return { dir, built: true };
  }
  const sources = join(here, "..", "console");
  if (existsSync(join(sources, "app.ts"))) return { dir: sources, built: false };
  throw new Error(`The console's files are missing: looked for app.js next to ${here}`);
}

// Only when running from sources (tests, development in this repository): the published package
// ships the built files, so esbuild is an optional peer dependency.
async function bundleFromSources(dir: string): Promise<Buffer> {
  const esbuild = (await import("esbuild")) as typeof import("esbuild");
  const result = await esbuild.build({
    entryPoints: [join(dir, "app.ts")],
    bundle: true,
    format: "esm",
    target: "es2020",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error(`esbuild wrote no bundle of ${join(dir, "app.ts")}`);
  return Buffer.from(output.contents);
}

/** Reads (and caches) the console's files. */
export class ConsoleAssets {
  private readonly cache = new Map<ConsoleFile, Promise<ConsoleAsset>>();

  get(file: ConsoleFile): Promise<ConsoleAsset> {
    let asset = this.cache.get(file);
    if (!asset) {
      asset = this.load(file);
      this.cache.set(file, asset);
      asset.catch(() => this.cache.delete(file));
    }
    return asset;
  }

  private async load(file: ConsoleFile): Promise<ConsoleAsset> {
    const { dir, built } = locate();
    const contentType = TYPES[file];
    if (file === "app.js" && !built) return { contentType, body: await bundleFromSources(dir) };
    return { contentType, body: readFileSync(join(dir, file)) };
  }
}
