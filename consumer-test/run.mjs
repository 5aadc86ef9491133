// The consumer test: installs the packages as a user gets them and uses them the ways users do.
//
// 1. `npm pack` every public package under packages/ (run `npm run build` first) and check that no
//    test or fixture file is in a tarball; publint and arethetypeswrong check each tarball.
// 2. Install the tarballs into a temporary folder outside the workspace with
//    `--install-strategy=nested`, so an undeclared dependency cannot be found by accident.
//    The test tools (typescript, vitest, jest, ts-jest, esbuild) are installed beside it and linked
//    in, so they do not hoist anything the packages forgot to declare.
// 3. There: load every export of every package with import and with require (the latter also with
//    require(esm) turned off, as on Node < 20.19), run a workflow that uses every operation from
//    ESM and from CommonJS, type-check TypeScript under nodenext and bundler, run tests under
//    vitest, jest (ts-jest, CommonJS) with and without fake timers, and node:test, and bundle a
//    handler with esbuild for Node 22 and run it on the runtime loop against the local server.
//
// Usage: npm run test:consumer [-- --keep]   (--keep leaves the temporary folder for inspection)
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("..", import.meta.url));
const keep = process.argv.includes("--keep");
const rootPkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
const root = mkdtempSync(join(tmpdir(), "durable-ts-consumer-"));
const tarballs = join(root, "tarballs");
const tools = join(root, "tools");
const app = join(root, "app");
const started = Date.now();
const results = [];

function run(label, command, args, options = {}) {
  const t0 = Date.now();
  const out = spawnSync(command, args, { cwd: app, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 240_000, ...options });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (out.status !== 0) {
    process.stdout.write(`FAIL ${label} (${seconds}s)\n${out.stdout ?? ""}${out.stderr ?? ""}${out.error ? String(out.error) : ""}\n`);
    throw new Error(`consumer test failed: ${label}`);
  }
  results.push(`ok   ${label} (${seconds}s)`);
  console.log(`ok   ${label} (${seconds}s)`);
  return out.stdout;
}

/** The workspace packages to publish: every non-private package.json under packages/. */
function publicPackages() {
  return readdirSync(join(repo, "packages"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(repo, "packages", d.name, "package.json")))
    .map((d) => ({ dir: join(repo, "packages", d.name), manifest: JSON.parse(readFileSync(join(repo, "packages", d.name, "package.json"), "utf8")) }))
    .filter((p) => !p.manifest.private);
}

const TEST_FILE = /(^|\/)(test|tests|__tests__|fixtures?|__fixtures__|server-fixtures)\/|\.(test|spec)\.[cm]?[jt]sx?$|\.test\.d\.c?ts$/;

try {
  // 1. Pack.
  mkdirSync(tarballs, { recursive: true });
  const packages = publicPackages();
  const packed = [];
  for (const { dir, manifest } of packages) {
    if (!existsSync(join(dir, "dist"))) throw new Error(`${manifest.name}: no dist/ (run \`npm run build\` first)`);
    const [info] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", tarballs], { cwd: dir, encoding: "utf8" }));
    const offending = info.files.map((f) => f.path).filter((p) => TEST_FILE.test(p));
    if (offending.length > 0) throw new Error(`${manifest.name}: tests or fixtures in the tarball: ${offending.join(", ")}`);
    for (const required of ["README.md", "LICENSE", "package.json"]) {
      if (!info.files.some((f) => f.path === required)) throw new Error(`${manifest.name}: ${required} missing from the tarball`);
    }
    packed.push({ name: manifest.name, manifest, file: join(tarballs, info.filename), size: info.size, unpackedSize: info.unpackedSize, entries: info.entryCount });
    results.push(`ok   pack ${manifest.name}: ${info.size} B packed, ${info.unpackedSize} B unpacked, ${info.entryCount} files`);
    console.log(results.at(-1));
  }
  const bin = (name) => join(repo, "node_modules", ".bin", name);
  for (const p of packed) {
    run(`publint ${p.name}`, bin("publint"), [p.file, "--strict"], { cwd: repo });
    run(`attw ${p.name}`, bin("attw"), [p.file, "--format", "ascii"], { cwd: repo });
  }

  // 2. Install: the tools in one folder (ordinary install), the packages in another (nested).
  mkdirSync(tools, { recursive: true });
  const dev = rootPkg.devDependencies;
  const toolDeps = {
    typescript: dev.typescript, vitest: dev.vitest, esbuild: dev.esbuild, "@types/node": dev["@types/node"],
    jest: "^30.0.0", "ts-jest": "^29.4.0", "@types/jest": "^30.0.0",
  };
  writeFileSync(join(tools, "package.json"), JSON.stringify({ name: "consumer-tools", private: true, devDependencies: toolDeps }, null, 2));
  run("install test tools", "npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: tools });

  cpSync(fileURLToPath(new URL("./app/", import.meta.url)), app, { recursive: true });
  const deps = Object.fromEntries(packed.map((p) => [p.name, `file:${p.file}`]));
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer-app", private: true, type: "module", dependencies: deps }, null, 2));
  run("install tarballs (--install-strategy=nested)", "npm", ["install", "--install-strategy=nested", "--no-audit", "--no-fund", "--loglevel=error"]);
  for (const tool of Object.keys(toolDeps)) {
    const link = join(app, "node_modules", tool);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(tools, "node_modules", tool), link, "dir");
  }
  const toolBin = (name) => join(tools, "node_modules", ".bin", name);

  // 3. Use them.
  const noRequireEsm = process.allowedNodeEnvironmentFlags.has("--no-experimental-require-module") ? ["--no-experimental-require-module"] : [];
  for (const p of packed) {
    for (const key of Object.keys(p.manifest.exports ?? { ".": "" }).filter((k) => k !== "./package.json")) {
      const specifier = key === "." ? p.name : `${p.name}/${key.slice(2)}`;
      run(`import ${specifier}`, process.execPath, ["--input-type=module", "-e", `const m = await import(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0) throw new Error("no exports");`]);
      run(`require ${specifier}${noRequireEsm.length ? " (require(esm) off)" : ""}`, process.execPath, [...noRequireEsm, "-e", `const m = require(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0) throw new Error("no exports");`]);
    }
  }
  run("ESM JavaScript: workflow with every operation", process.execPath, ["run.mjs"]);
  run("CommonJS: workflow with every operation", process.execPath, ["run.cjs"]);
  if (noRequireEsm.length) run("CommonJS with require(esm) off (Node < 20.19, < 22.12)", process.execPath, [...noRequireEsm, "run.cjs"]);
  run("tsc, moduleResolution nodenext (ESM + CJS files)", toolBin("tsc"), ["-p", "tsconfig.nodenext.json"]);
  run("tsc, moduleResolution bundler", toolBin("tsc"), ["-p", "tsconfig.bundler.json"]);
  run("vitest (real and default fake timers)", toolBin("vitest"), ["run", "--root", app, "workflow.vitest.test.ts"]);
  run("jest + ts-jest, CommonJS (real, default and legacy fake timers)", toolBin("jest"), ["--ci", "--config", "jest.config.cjs"]);
  run("node:test (real and mock timers)", process.execPath, ["--test", "workflow.node-test.mjs"]);
  run("esbuild bundle for node22 on the runtime loop against the local server", process.execPath, ["bundle-run.mjs"]);
  console.log(`\nconsumer test passed in ${((Date.now() - started) / 1000).toFixed(0)}s (${root})`);
} finally {
  if (!keep) rmSync(root, { recursive: true, force: true });
}
