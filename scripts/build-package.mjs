// Builds one workspace package: ESM + CJS bundles of each entry point with esbuild (dependencies
// stay external), and .d.ts files with tsc. Run from the package folder: `node ../../scripts/build-package.mjs`.
// Entry points come from package.json "exports": "." is src/index.ts, "./x" is src/x/index.ts;
// "buildBins" maps each bin's output to its source (ESM only, shebang added).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { build } from "esbuild";

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
rmSync("dist", { recursive: true, force: true });

const entries = Object.keys(pkg.exports ?? { ".": {} }).map((key) => (key === "." ? "index" : key.replace(/^\.\//, "")));
const common = { bundle: true, platform: "node", target: "node20", packages: "external", sourcemap: true, logLevel: "warning" };
for (const entry of entries) {
  const source = entry === "index" ? "src/index.ts" : `src/${entry}/index.ts`;
  const out = entry === "index" ? "dist/index" : `dist/${entry}/index`;
  await build({ ...common, entryPoints: [source], format: "esm", outfile: `${out}.js` });
  await build({ ...common, entryPoints: [source], format: "cjs", outfile: `${out}.cjs` });
}
for (const [target, source] of Object.entries(pkg.buildBins ?? {})) {
  if (!existsSync(source)) throw new Error(`buildBins: ${source} does not exist`);
  // The sources keep their own shebang line; esbuild preserves it.
  await build({ ...common, entryPoints: [source], format: "esm", outfile: target });
}
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { stdio: "inherit" });
