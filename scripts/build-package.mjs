// Builds one workspace package: ESM + CJS bundles of each entry point with esbuild, and .d.ts
// (ESM) + .d.cts (CommonJS) declarations with tsc. Run from the package folder:
// `node ../../scripts/build-package.mjs`.
// Entry points come from package.json "exports": "." is src/index.ts, "./x" is src/x/index.ts;
// "buildBins" maps extra ESM-only outputs (what the committed bin/ scripts import) to their source.
//
// What stays external: every dependency and peer dependency the package declares (other workspace
// packages included), so an app holds one copy of each. Two exceptions make the CommonJS output
// work on every Node version `engines` allows: a dependency published as ESM only (the SDK once had
// p-limit and superjson) cannot be `require()`d before Node 20.19 / 22.12, so the CJS bundle inlines it (the
// ESM bundle still imports it). Anything else imported but not declared fails the build.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire, builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
rmSync("dist", { recursive: true, force: true });

// The package's own name too: a subpath entry (`@durable-ts/sdk/saga`) imports the main entry by
// name, so both share one copy of its code instead of the subpath bundling its own.
const declared = [pkg.name, ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const esmOnly = declared.filter((name) => Object.hasOwn(pkg.dependencies ?? {}, name) && isEsmOnly(name));
const externalFor = (names) => names.flatMap((name) => [name, `${name}/*`]);

/** True when `name` (resolved from this package) offers no CommonJS entry: `require()` needs require(esm). */
function isEsmOnly(name) {
  const manifestPath = findManifest(name);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const target = resolveRequireTarget(manifest.exports ?? manifest.main ?? "./index.js");
  if (target === undefined) return true;
  if (target.endsWith(".cjs")) return false;
  if (target.endsWith(".mjs")) return true;
  return manifest.type === "module";
}

function findManifest(name) {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name, "package.json");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`build: dependency ${name} is not installed`);
  }
}

/** The file `require()` would load for the root export, or undefined when no condition matches. */
function resolveRequireTarget(exportsField) {
  if (typeof exportsField === "string") return exportsField;
  if (Array.isArray(exportsField)) return resolveRequireTarget(exportsField[0]);
  if (exportsField === null || typeof exportsField !== "object") return undefined;
  const root = Object.keys(exportsField).some((key) => key.startsWith(".")) ? exportsField["."] : exportsField;
  if (typeof root === "string" || root === undefined) return root;
  for (const [condition, value] of Object.entries(root)) {
    if (["node", "require", "default"].includes(condition)) {
      const found = resolveRequireTarget(value);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

// Imports must be declared: a bare import that is neither declared nor a Node built-in is an error,
// which catches the undeclared dependency that only shows up in an installed tarball.
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const declaredOnly = (bundled) => ({
  name: "declared-dependencies-only",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (builtins.has(args.path) || args.path.startsWith("node:")) return undefined;
      const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0];
      if (declared.includes(name)) return undefined;
      // Inside an inlined ESM-only dependency, its own dependencies are inlined as well.
      if (bundled && /node_modules/.test(args.importer)) return undefined;
      return { errors: [{ text: `${args.path} is imported by ${args.importer} but not declared in ${pkg.name}'s dependencies` }] };
    });
  },
});

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  // No source maps: the bundles are readable as they are, and maps would triple the tarball.
  sourcemap: false,
  logLevel: "warning",
  // tsconfig.build.json has no "paths": workspace packages resolve as installed packages, not as sources.
  tsconfig: "tsconfig.build.json",
};
const esm = { ...common, format: "esm", external: externalFor(declared), plugins: [declaredOnly(false)] };
const cjs = { ...common, format: "cjs", external: externalFor(declared.filter((n) => !esmOnly.includes(n))), plugins: [declaredOnly(true)] };

const entries = Object.keys(pkg.exports ?? { ".": {} })
  .filter((key) => key !== "./package.json")
  .map((key) => (key === "." ? "index" : key.replace(/^\.\//, "")));
for (const entry of entries) {
  const source = entry === "index" ? "src/index.ts" : `src/${entry}/index.ts`;
  const out = entry === "index" ? "dist/index" : `dist/${entry}/index`;
  await build({ ...esm, entryPoints: [source], outfile: `${out}.js` });
  await build({ ...cjs, entryPoints: [source], outfile: `${out}.cjs` });
}
for (const [target, source] of Object.entries(pkg.buildBins ?? {})) {
  if (!existsSync(source)) throw new Error(`buildBins: ${source} does not exist`);
  await build({ ...esm, entryPoints: [source], outfile: target });
}
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { stdio: "inherit" });
writeCommonJsDeclarations("dist/types");

/**
 * Copies each `x.d.ts` to `x.d.cts` with relative specifiers ending `.cjs`: in a `"type": "module"`
 * package a `.d.ts` describes an ES module, so `require` consumers need declarations of their own
 * (otherwise TypeScript under nodenext types the CommonJS entry as ESM: "masquerading as ESM").
 */
function writeCommonJsDeclarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) writeCommonJsDeclarations(path);
    else if (entry.name.endsWith(".d.ts")) {
      const text = readFileSync(path, "utf8").replace(/((?:from|import)\s*\(?\s*["']\.{1,2}\/[^"']*?)\.js(["'])/g, "$1.cjs$2");
      writeFileSync(path.replace(/\.d\.ts$/, ".d.cts"), text);
    }
  }
}
