// publint and arethetypeswrong over every public package under packages/ (run `npm run build` first).
// The consumer test runs the same checks on the packed tarballs; this is the quick local version.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => join(repo, "node_modules", ".bin", name);
for (const dir of readdirSync(join(repo, "packages"))) {
  const cwd = join(repo, "packages", dir);
  if (!existsSync(join(cwd, "package.json")) || JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")).private) continue;
  execFileSync(bin("publint"), ["--strict"], { cwd, stdio: "inherit" });
  execFileSync(bin("attw"), ["--pack", ".", "--format", "ascii"], { cwd, stdio: "inherit" });
}
