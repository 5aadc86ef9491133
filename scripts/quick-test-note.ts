// Global setup of the everyday (quick) test run: say what it leaves out, so nobody mistakes it for CI.
import { readdirSync } from "node:fs";
import { join } from "node:path";

function integrationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return integrationFiles(path);
    return entry.name.endsWith(".integration.test.ts") ? [path] : [];
  });
}

export default function note(): void {
  const root = new URL("..", import.meta.url).pathname;
  const count = ["packages", "examples"].flatMap((dir) => integrationFiles(join(root, dir))).length;
  console.log(
    `Quick run: properties at a tenth of their size, files sharing one module graph per worker, ${count} integration files and the *.test-d.ts type tests left out. ` +
      "TEST_SIZE=full npm test runs everything, as CI does.",
  );
}
