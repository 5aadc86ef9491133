import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

describe("npm run demo", () => {
  it("prints the operations table and why each invocation ended (retry delays, the wait)", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "examples/demo.ts"], { cwd: ROOT, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^id\s+name\s+type\s+status\s+att\s+duration$/m);
    expect(run.stdout).toContain('suspended: retry of step "charge-card" in 10s (attempt 1 failed)');
    expect(run.stdout).toContain('suspended: retry of step "charge-card" in 20s (attempt 2 failed)');
    expect(run.stdout).toContain('suspended: wait "warehouse-cool-down" until 2026-01-01T00:30:30.000Z');
    expect(run.stdout).toMatch(/4\. \w+ at \S+: succeeded/);
    expect(run.stdout).not.toContain("(index)");
  });
});
