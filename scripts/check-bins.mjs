// CI check after `npm ci && npm run build`: the bins of our packages resolve to our packages and
// run, as docs/cli.md says (`npx durable-ts …`, `npx run-durable …`). Then one real `durable-ts run`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { binsOf, repo, workspacePackages } from "./workspace-packages.mjs";

// What each bin prints when run without arguments (its usage, exit code 2).
const USAGE_OF = {
  "durable-ts": /usage:?\s+durable-ts <command>/,
  "run-durable": /usage:?\s+durable-ts run <file>/,
  "create-durable-ts": /Usage: create-durable-ts <directory>/,
};

for (const { dir, manifest } of workspacePackages()) {
  for (const name of Object.keys(binsOf(manifest))) {
    const link = join(repo, "node_modules", ".bin", name);
    if (!existsSync(link)) throw new Error(`node_modules/.bin/${name} is missing`);
    const real = realpathSync(link);
    if (!real.startsWith(dir + sep)) throw new Error(`node_modules/.bin/${name} runs ${real}, not ${manifest.name}`);
    // Run with no arguments: our CLI answers with its usage and exit code 2; a missing dist/ or a
    // load error would print something else.
    let out = "";
    try {
      execFileSync("npx", ["--no-install", name], { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      out = `${error.stdout}${error.stderr}`;
      if (error.status !== 2) throw new Error(`npx ${name} exited ${error.status}: ${out}`);
    }
    const usage = USAGE_OF[name];
    if (usage === undefined) throw new Error(`scripts/check-bins.mjs: no expected usage for the bin ${name}; add it to USAGE_OF`);
    if (!usage.test(out)) throw new Error(`npx ${name} did not print its usage: ${out}`);
    console.log(`ok   npx ${name} (${manifest.name})`);
  }
}

const fixture = "packages/testing/test/server-fixtures/run-workflow.ts";
const run = execFileSync("npx", ["--no-install", "durable-ts", "run", fixture, "--input", '{"item":"desk"}', "--callback", 'approval={"ok":true}', "--json"], {
  cwd: repo,
  encoding: "utf8",
});
const status = JSON.parse(run).status;
if (status !== "SUCCEEDED") throw new Error(`npx durable-ts run ${fixture}: ${run}`);
console.log(`ok   npx durable-ts run ${fixture}: ${status}`);

// `durable-ts create` loads the create-durable-ts package when it runs: scaffold one project with the built bins.
const scratch = mkdtempSync(join(tmpdir(), "durable-ts-create-"));
try {
  execFileSync("npx", ["--no-install", "durable-ts", "create", join(scratch, "app"), "--template", "actor", "--no-install"], { cwd: repo, encoding: "utf8" });
  if (!existsSync(join(scratch, "app", "src", "counter.ts"))) throw new Error("npx durable-ts create --template actor did not write src/counter.ts");
  console.log("ok   npx durable-ts create --template actor");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
