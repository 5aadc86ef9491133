// The packages under packages/ (each folder with a package.json), read once for the scripts that
// pack, lint, link or check them. New packages are picked up without a change here.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repo = fileURLToPath(new URL("..", import.meta.url));

/** Every package under packages/: its folder and parsed manifest; `publicOnly` drops private ones. */
export function workspacePackages({ publicOnly = false } = {}) {
  return readdirSync(join(repo, "packages"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(repo, "packages", d.name, "package.json")))
    .map((d) => ({ dir: join(repo, "packages", d.name), manifest: JSON.parse(readFileSync(join(repo, "packages", d.name, "package.json"), "utf8")) }))
    .filter((p) => !publicOnly || !p.manifest.private);
}

/** A manifest's bins as name → path (npm's string form names the bin after the package). */
export function binsOf(manifest) {
  if (typeof manifest.bin === "string") return { [manifest.name.split("/").pop()]: manifest.bin };
  return manifest.bin ?? {};
}
