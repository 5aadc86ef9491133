// Scaffolds every template from this checkout's packed packages into a folder outside the
// workspace, installs it, and runs what a new user would: its tests, its type check, its bundle
// and `cdk synth` (offline). Run after `npm run build`. Exits 1 if any template fails.
// Two templates at a time (the machine has two cores; installs mostly wait on the network); each
// step's output is printed when the step ends, whole, so the templates' lines do not interleave.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEMPLATES } from "create-durable-ts";

const root = new URL("..", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "durable-ts-scaffold-"));
const packs = join(work, "packs");
mkdirSync(packs);
const env = { ...process.env, CI: "true", AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1" };
const PARALLEL = 2;

/** Runs one step; resolves with its time, or rejects with its output. */
function step(label, cmd, args, cwd) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (error) => (output += String(error)));
    child.on("close", (code, signal) => {
      const line = `${label}: ${cmd} ${args.join(" ")}: ${((Date.now() - started) / 1000).toFixed(1)} s`;
      if (code === 0) {
        console.log(line);
        resolve();
      } else {
        reject(new Error(`${line}, ${signal ?? `exit ${code}`}\n${output}`));
      }
    });
  });
}

async function check(template) {
  const started = Date.now();
  const project = join(work, `my-${template}`);
  await step(template, "node", [join(root, "packages/create-durable-ts/dist/cli.js"), project, "--template", template, "--local", packs, "--no-install"], work);
  await step(template, "npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], project);
  await step(template, "npm", ["test", "--silent"], project);
  await step(template, "npx", ["tsc", "--noEmit"], project);
  await step(template, "npm", ["run", "build", "--silent"], project);
  await step(template, "npx", ["cdk", "synth", "--quiet"], project);
  return (Date.now() - started) / 1000;
}

let failed = false;
try {
  // What the templates depend on (each lists its own), and the scaffold itself.
  const packages = [...new Set([...Object.values(TEMPLATES).flatMap((t) => t.packages), "create-durable-ts"])];
  execFileSync("npm", ["pack", "--silent", "--pack-destination", packs, ...packages.flatMap((p) => ["-w", p])], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const started = Date.now();
  const queue = Object.keys(TEMPLATES);
  const seconds = {};
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let template = queue.shift(); template !== undefined; template = queue.shift()) {
        try {
          seconds[template] = await check(template);
        } catch (error) {
          failed = true;
          console.error(`template ${template} FAILED\n${error.message}`);
        }
      }
    }),
  );
  const times = Object.entries(seconds)
    .map(([t, s]) => `${t} ${s.toFixed(1)} s`)
    .join(", ");
  const wall = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `scaffold check: ${Object.keys(seconds).length} of ${Object.keys(TEMPLATES).length} templates created, installed, tested, bundled and synthesized (${times}; ${wall} s in all)`,
  );
} finally {
  if (!process.env.KEEP_SCAFFOLD) rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
