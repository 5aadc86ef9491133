// Scaffolds every template from this checkout's packed packages into a folder outside the
// workspace, installs it, and runs what a new user would: its tests, its type check, its bundle
// and `cdk synth` (offline). Run after `npm run build`. Exits 1 on the first failure.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEMPLATES } from "create-durable-ts";

const root = new URL("..", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "durable-ts-scaffold-"));
const packs = join(work, "packs");
mkdirSync(packs);
const run = (cmd, args, cwd) => {
  const started = Date.now();
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, CI: "true", AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1" } });
  console.log(`  ${cmd} ${args.join(" ")}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

try {
  const packages = ["@durable-ts/sdk", "@durable-ts/testing", "@durable-ts/cdk", "create-durable-ts"];
  run("npm", ["pack", "--silent", "--pack-destination", packs, ...packages.flatMap((p) => ["-w", p])], root);
  for (const template of Object.keys(TEMPLATES)) {
    console.log(`template ${template}:`);
    const project = join(work, `my-${template}`);
    run("node", [join(root, "packages/create-durable-ts/dist/cli.js"), project, "--template", template, "--local", packs, "--no-install"], work);
    run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], project);
    run("npm", ["test", "--silent"], project);
    run("npx", ["tsc", "--noEmit"], project);
    run("npm", ["run", "build", "--silent"], project);
    run("npx", ["cdk", "synth", "--quiet"], project);
  }
  console.log(`scaffold check: ${Object.keys(TEMPLATES).length} template(s) created, installed, tested, bundled and synthesized`);
} finally {
  if (!process.env.KEEP_SCAFFOLD) rmSync(work, { recursive: true, force: true });
}
