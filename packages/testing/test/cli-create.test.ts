import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEMPLATES } from "create-durable-ts";
import { afterEach, describe, expect, it } from "vitest";
import { COMMANDS, main, type CliIO } from "../src/cli/index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs `durable-ts` in-process in a fresh temporary folder. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string; cwd: string }> {
  const cwd = mkdtempSync(join(tmpdir(), "durable-ts-create-"));
  dirs.push(cwd);
  let out = "";
  let err = "";
  const io: CliIO = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: {}, cwd, untilStopped: () => new Promise(() => undefined) };
  const code = await main(argv, io);
  return { code, out, err, cwd };
}

describe("durable-ts create", () => {
  it("creates each template in a folder relative to where it runs, as create-durable-ts does", async () => {
    for (const template of Object.keys(TEMPLATES)) {
      const { code, out, err, cwd } = await cli(["create", "my-app", "--template", template, "--no-install"]);
      expect(err).toBe("");
      expect(code).toBe(0);
      const dir = join(cwd, "my-app");
      expect(out).toContain(`Created my-app from the ${template} template in ${dir}`);
      expect(out).toContain(`Next:\n  cd ${dir}\n  npm install\n  npm test\n  npm run dev\n  npx cdk synth`);
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      expect(pkg.name).toBe("my-app");
      for (const file of [".gitignore", "cdk.json", "infra/app.ts", "scripts/bundle.mjs", "README.md", "vitest.config.ts"])
        expect(existsSync(join(dir, file)), `${template}: ${file}`).toBe(true);
      expect(existsSync(join(dir, "node_modules")), "--no-install").toBe(false);
    }
  });

  it("takes --name and the workflow template by default, and points at local tarballs with --local", async () => {
    const packs = mkdtempSync(join(tmpdir(), "durable-ts-packs-"));
    dirs.push(packs);
    for (const f of ["durable-ts-sdk-0.1.0.tgz", "durable-ts-testing-0.1.0.tgz", "durable-ts-cdk-0.1.0.tgz", "create-durable-ts-0.1.0.tgz"])
      writeFileSync(join(packs, f), "");
    const { code, cwd } = await cli(["create", "orders", "--name", "@shop/orders", "--no-install", "--local", packs]);
    expect(code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(cwd, "orders", "package.json"), "utf8"));
    expect(pkg.name).toBe("@shop/orders");
    expect(existsSync(join(cwd, "orders", "src", "order-workflow.ts"))).toBe(true);
    expect(pkg.dependencies["@durable-ts/sdk"]).toBe(`file:${join(packs, "durable-ts-sdk-0.1.0.tgz")}`);
  });

  it("names what is wrong: an unknown template or two folders (exit 2), a folder in use (exit 1)", async () => {
    const unknown = await cli(["create", "app", "--template", "queue", "--no-install"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(`Unknown template "queue": choose one of ${Object.keys(TEMPLATES).join(", ")}`);
    expect(unknown.err).toContain("durable-ts create --help lists the options");
    expect(existsSync(join(unknown.cwd, "app"))).toBe(false);
    expect((await cli(["create", "a", "b", "--no-install"])).err).toContain("Expected one directory, got 2: a b");
    const missing = await cli(["create", "--no-install"]);
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining("Missing the project folder.")]);
    const used = await cli(["create", ".", "--name", "x", "--no-install"]);
    writeFileSync(join(used.cwd, "keep.txt"), "mine");
    const again = await cli(["create", used.cwd, "--name", "x", "--no-install"]);
    expect(again.code).toBe(1);
    expect(again.err).toContain("already exists and is not an empty folder");
  });

  it("its --help names every template create-durable-ts has", async () => {
    const help = (await cli(["create", "--help"])).out;
    const spec = COMMANDS.find((c) => c.name === "create")!;
    expect(spec.options.map((o) => o.name)).toEqual(["template", "name", "no-install", "local"]);
    for (const name of Object.keys(TEMPLATES)) expect(help).toMatch(new RegExp(`--template <name>\\s+.*\\b${name}\\b`));
  });
});
