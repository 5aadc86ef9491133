// publint and arethetypeswrong over every public package under packages/ (run `npm run build` first).
// The consumer test runs the same checks on the packed tarballs; this is the quick local version.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { repo, workspacePackages } from "./workspace-packages.mjs";

const bin = (name) => join(repo, "node_modules", ".bin", name);
for (const { dir } of workspacePackages({ publicOnly: true })) {
  execFileSync(bin("publint"), ["--strict"], { cwd: dir, stdio: "inherit" });
  execFileSync(bin("attw"), ["--pack", ".", "--format", "ascii"], { cwd: dir, stdio: "inherit" });
}
