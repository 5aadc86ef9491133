// Runs after `npm install` / `npm ci` (the root "prepare" script). npm links each bin name once:
// `run-durable` is also the bin of the official testing kit that bench/ installs for comparison,
// and npm keeps whichever it linked first. In this repository the names of our packages' bins
// must run our packages, as in a user's project; this points each one at its workspace package.
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("..", import.meta.url));
const binDir = join(repo, "node_modules", ".bin");
mkdirSync(binDir, { recursive: true });
for (const dir of readdirSync(join(repo, "packages"))) {
  const manifestPath = join(repo, "packages", dir, "package.json");
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const bins = typeof manifest.bin === "string" ? { [manifest.name.split("/").pop()]: manifest.bin } : (manifest.bin ?? {});
  for (const [name, file] of Object.entries(bins)) {
    // Through node_modules/<name>, the workspace link npm made, as npm's own bin links go.
    const target = join(repo, "node_modules", manifest.name, file);
    if (!existsSync(target)) throw new Error(`${manifest.name}: bin ${name} points at ${file}, which does not exist`);
    chmodSync(target, 0o755);
    const link = join(binDir, name);
    const wanted = relative(binDir, target);
    const current = lstatSync(link, { throwIfNoEntry: false });
    if (current?.isSymbolicLink() && readlinkSync(link) === wanted) continue;
    if (current) rmSync(link);
    symlinkSync(wanted, link);
  }
}
