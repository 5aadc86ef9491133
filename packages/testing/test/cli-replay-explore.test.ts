import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main, type CliIO } from "../src/cli/index.js";
import { FIXTURES } from "./server-support.js";
import { durableExecution } from "@durable-ts/sdk";
import { LocalDurableTestRunner } from "../src/index.js";

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIO = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: {}, cwd: FIXTURES, untilStopped: () => new Promise(() => undefined) };
  return { code: await main(argv, io), out, err };
}

describe("durable-ts replay and explore", () => {
  it("replay exits 0 when a saved history matches the handler and 1, naming the position, when it diverges", async () => {
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    const recorded = await new LocalDurableTestRunner({
      handlerFunction: durableExecution(
        async (_e, ctx) => {
          const a = await ctx.step("a", async () => 1);
          await ctx.wait({ seconds: 5 });
          return a + (await ctx.step("b", async () => 2));
        },
        { logger: quiet },
      ),
    }).run();
    const fixture = join(mkdtempSync(join(tmpdir(), "durable-ts-")), "history.json");
    writeFileSync(fixture, JSON.stringify(recorded.getHistory()));
    const same = await cli(["replay", "idempotency.ts", fixture]);
    expect(same.err).toBe("");
    expect(same.code).toBe(0);
    expect(same.out).toContain("Replay matches");
    const changed = await cli(["replay", "idempotency.ts", fixture, "--export", "counting"]);
    expect(changed.code).toBe(1);
    expect(changed.out).toMatch(/^Replay diverges at 1: /);
  });

  it("explore exits 0 for a replay-safe workflow and 1, listing the failures, for one that is not", async () => {
    const ok = await cli(["explore", "idempotency.ts"]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Baseline: SUCCEEDED; \d+ interrupted runs; 0 failures/);
    const broken = await cli(["explore", "idempotency.ts", "--export", "counting", "--json"]);
    expect(broken.code).toBe(1);
    const report = JSON.parse(broken.out);
    expect(report.failures.length).toBeGreaterThan(0);
    expect(report.failures[0].kind).toBe("outcome-mismatch");
  });
});
