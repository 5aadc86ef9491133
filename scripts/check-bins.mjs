// CI check after `npm ci && npm run build`: the bins of our packages resolve to our packages and
// run, as docs/cli.md says (`npx durable-ts …`, `npx run-durable …`). Then one real `durable-ts run`.
import { execFileSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { join, sep } from "node:path";
import { binsOf, repo, workspacePackages } from "./workspace-packages.mjs";

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
    if (!/usage:?\s+durable-ts run <file>/.test(out)) throw new Error(`npx ${name} did not print our usage: ${out}`);
    console.log(`ok   npx ${name} (${manifest.name})`);
  }
}

const fixture = "packages/testing/test/server-fixtures/run-workflow.ts";
const run = execFileSync("npx", ["--no-install", "durable-ts", "run", fixture, "--input", '{"item":"desk"}', "--callback", 'approval={"ok":true}', "--json"], { cwd: repo, encoding: "utf8" });
const status = JSON.parse(run).status;
if (status !== "SUCCEEDED") throw new Error(`npx durable-ts run ${fixture}: ${run}`);
console.log(`ok   npx durable-ts run ${fixture}: ${status}`);
