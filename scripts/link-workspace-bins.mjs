// Runs after `npm install` / `npm ci` (the root "prepare" script). npm links each bin name once:
// `run-durable` is also the bin of the official testing kit that bench/ installs for comparison,
// and npm keeps whichever it linked first. In this repository the names of our packages' bins
// must run our packages, as in a user's project; this points each one at its workspace package.
import { chmodSync, existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { binsOf, repo, workspacePackages } from "./workspace-packages.mjs";

const binDir = join(repo, "node_modules", ".bin");
mkdirSync(binDir, { recursive: true });
for (const { manifest } of workspacePackages()) {
  for (const [name, file] of Object.entries(binsOf(manifest))) {
    // Through node_modules/<name>, the workspace link npm made, as npm's own bin links go.
    const target = join(repo, "node_modules", manifest.name, file);
    // A bin built into dist/ does not exist before `npm run build`: commit a small bin/ script
    // that loads dist/ instead (as packages/testing does). Warn, never fail an install.
    if (!existsSync(target)) {
      console.warn(`${manifest.name}: bin ${name} points at ${file}, which does not exist yet; not linked`);
      continue;
    }
    chmodSync(target, 0o755);
    const link = join(binDir, name);
    const wanted = relative(binDir, target);
    const current = lstatSync(link, { throwIfNoEntry: false });
    if (current?.isSymbolicLink() && readlinkSync(link) === wanted) continue;
    if (current) rmSync(link);
    symlinkSync(wanted, link);
  }
}
