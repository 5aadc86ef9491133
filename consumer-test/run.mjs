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
// Usage: npm run test:consumer [-- --keep] [-- --keep-going]
// (--keep leaves the temporary folder for inspection; --keep-going runs every check and lists the failures)
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { repo, workspacePackages } from "../scripts/workspace-packages.mjs";

const keep = process.argv.includes("--keep");
const keepGoing = process.argv.includes("--keep-going");
const failures = [];

/** A failed check: stops the test, or with --keep-going is counted and the test goes on. */
function fail(label, detail) {
  process.stdout.write(`FAIL ${label}\n${detail}\n`);
  failures.push(label);
  if (!keepGoing) throw new Error(`consumer test failed: ${label}`);
}
const rootPkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
const root = mkdtempSync(join(tmpdir(), "durable-ts-consumer-"));
const tarballs = join(root, "tarballs");
const tools = join(root, "tools");
const app = join(root, "app");
const started = Date.now();

/** Runs one step; resolves with its stdout, or prints its output and rejects. Steps may overlap. */
function run(label, command, args, options = {}) {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: app, stdio: ["ignore", "pipe", "pipe"], timeout: 300_000, ...options });
    let stdout = "";
    let output = "";
    child.stdout.on("data", (d) => ((stdout += d), (output += d)));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (error) => (output += String(error)));
    child.on("close", (code, signal) => {
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      if (code !== 0) {
        try {
          fail(`${label} (${seconds}s, ${signal ?? `exit ${code}`})`, output);
          resolve("");
        } catch (error) {
          reject(error);
        }
        return;
      }
      console.log(`ok   ${label} (${seconds}s)`);
      resolve(stdout);
    });
  });
}

/** What a published manifest must have; ranges that let an app share one copy of a dependency. */
function checkManifest(manifest, workspaceNames) {
  const problems = [];
  for (const field of ["description", "license", "repository", "homepage", "bugs", "keywords", "engines", "exports", "files"]) {
    if (manifest[field] === undefined) problems.push(`no "${field}"`);
  }
  if (typeof manifest.sideEffects !== "boolean" && !Array.isArray(manifest.sideEffects)) problems.push(`no "sideEffects"`);
  for (const kind of ["dependencies", "peerDependencies"]) {
    for (const [name, range] of Object.entries(manifest[kind] ?? {})) {
      if (/^\d/.test(range) || range.startsWith("=")) problems.push(`${kind}.${name} is exact (${range})`);
      if (range.startsWith("~") && (name.startsWith("@aws-sdk/") || workspaceNames.includes(name))) problems.push(`${kind}.${name} is a patch range (${range}); use ^`);
    }
  }
  if (problems.length > 0) fail(`metadata of ${manifest.name}`, problems.join("; "));
}

const TEST_FILE = /(^|\/)(test|tests|__tests__|fixtures?|__fixtures__|server-fixtures)\/|\.(test|spec)\.[cm]?[jt]sx?$|\.test\.d\.c?ts$/;

try {
  // 1. Pack, and start installing the test tools meanwhile (the install is mostly waiting on the network).
  mkdirSync(tools, { recursive: true });
  const dev = rootPkg.devDependencies;
  const toolDeps = {
    typescript: dev.typescript,
    vitest: dev.vitest,
    esbuild: dev.esbuild,
    "@types/node": dev["@types/node"],
    jest: "^30.0.0",
    "ts-jest": "^29.4.0",
    "@types/jest": "^30.0.0",
  };
  writeFileSync(join(tools, "package.json"), JSON.stringify({ name: "consumer-tools", private: true, devDependencies: toolDeps }, null, 2));
  const toolsInstalled = run("install test tools", "npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: tools });
  toolsInstalled.catch(() => {});

  mkdirSync(tarballs, { recursive: true });
  const packages = workspacePackages({ publicOnly: true });
  const workspaceNames = packages.map((p) => p.manifest.name);
  const packed = [];
  for (const { dir, manifest } of packages) {
    if (!existsSync(join(dir, "dist"))) throw new Error(`${manifest.name}: no dist/ (run \`npm run build\` first)`);
    checkManifest(manifest, workspaceNames);
    const [info] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", tarballs], { cwd: dir, encoding: "utf8" }));
    const offending = info.files.map((f) => f.path).filter((p) => TEST_FILE.test(p));
    if (offending.length > 0) fail(`${manifest.name}: no tests or fixtures in the tarball`, offending.join(", "));
    for (const required of ["README.md", "LICENSE", "package.json"]) {
      if (!info.files.some((f) => f.path === required)) fail(`${manifest.name}: ${required} in the tarball`, "missing");
    }
    packed.push({ name: manifest.name, manifest, file: join(tarballs, info.filename) });
    console.log(`ok   pack ${manifest.name}: ${info.size} B packed, ${info.unpackedSize} B unpacked, ${info.entryCount} files`);
  }

  // 2. Install the tarballs, nested, while the tools install; lint the tarballs meanwhile.
  cpSync(fileURLToPath(new URL("./app/", import.meta.url)), app, { recursive: true });
  const deps = Object.fromEntries(packed.map((p) => [p.name, `file:${p.file}`]));
  // overrides: a package that depends on another of ours (@durable-ts/testing on create-durable-ts)
  // gets it from its tarball too, not from the registry.
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer-app", private: true, type: "module", dependencies: deps, overrides: deps }, null, 2));
  const bin = (name) => join(repo, "node_modules", ".bin", name);
  await Promise.all([
    toolsInstalled,
    run("install tarballs (--install-strategy=nested)", "npm", ["install", "--install-strategy=nested", "--no-audit", "--no-fund", "--loglevel=error"]),
    (async () => {
      for (const p of packed) {
        await run(`publint --strict ${p.name}`, bin("publint"), [p.file, "--strict"], { cwd: repo });
        await run(`attw ${p.name}`, bin("attw"), [p.file, "--format", "ascii"], { cwd: repo });
      }
    })(),
  ]);
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
      await run(`import ${specifier}`, process.execPath, [
        "--input-type=module",
        "-e",
        `const m = await import(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0) throw new Error("no exports");`,
      ]);
      await run(`require ${specifier}${noRequireEsm.length ? " (require(esm) off)" : ""}`, process.execPath, [
        ...noRequireEsm,
        "-e",
        `const m = require(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0) throw new Error("no exports");`,
      ]);
    }
    // One copy of each workspace package: requiring this one loads the others it depends on from
    // where they are installed, instead of carrying its own copy of their code.
    // (A peer used for its types only, such as a plugin's `DurablePlugin`, is never loaded.)
    const cjsEntry = readFileSync(join(app, "node_modules", p.name, p.manifest.exports["."].require.default ?? p.manifest.exports["."].require), "utf8");
    const uses = [...Object.keys(p.manifest.dependencies ?? {}), ...Object.keys(p.manifest.peerDependencies ?? {})].filter(
      (n) => workspaceNames.includes(n) && cjsEntry.includes(`require("${n}")`),
    );
    if (uses.length > 0) {
      const script = `require(${JSON.stringify(p.name)}); const loaded = Object.keys(require.cache);
        for (const dep of ${JSON.stringify(uses)}) if (!loaded.some((f) => f.includes("/node_modules/" + dep + "/dist/"))) throw new Error(${JSON.stringify(p.name)} + " did not load " + dep + ": a bundled copy?");`;
      await run(`${p.name} uses the installed ${uses.join(", ")}`, process.execPath, ["-e", script]);
    }
  }
  await run("ESM JavaScript: workflow with every operation", process.execPath, ["run.mjs"]);
  await run("CommonJS: workflow with every operation", process.execPath, ["run.cjs"]);
  if (noRequireEsm.length) await run("CommonJS with require(esm) off (Node < 20.19, < 22.12)", process.execPath, [...noRequireEsm, "run.cjs"]);
  await run("tsc, moduleResolution nodenext (ESM + CJS files, skipLibCheck off)", toolBin("tsc"), ["-p", "tsconfig.nodenext.json"]);
  await run("tsc, moduleResolution bundler", toolBin("tsc"), ["-p", "tsconfig.bundler.json"]);
  await run("vitest (real and default fake timers)", toolBin("vitest"), ["run", "--root", app, "workflow.vitest.test.ts"]);
  await run("jest + ts-jest, CommonJS (real, default and legacy fake timers)", toolBin("jest"), ["--ci", "--config", "jest.config.cjs"]);
  await run("node:test (real and mock timers)", process.execPath, ["--test", "workflow.node-test.mjs"]);
  await run("esbuild bundle for node22 on the runtime loop against the local server; without the createRequire banner it fails", process.execPath, ["bundle-run.mjs"]);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (failures.length > 0) {
    console.log(`\nconsumer test FAILED in ${seconds}s: ${failures.length} check(s)\n- ${failures.join("\n- ")}`);
    process.exitCode = 1;
  } else {
    console.log(`\nconsumer test passed in ${seconds}s`);
  }
} finally {
  if (!keep) rmSync(root, { recursive: true, force: true });
}
