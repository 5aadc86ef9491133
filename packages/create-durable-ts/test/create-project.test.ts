import { mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createProject, CreateUsageError, parseOptions, runCreate, TEMPLATES } from "../src/index.js";

const dirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), "create-durable-ts-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("createProject", () => {
  it("copies the workflow template, names the project and points it at the registry's versions", () => {
    const dir = join(tmp(), "shop-orders");
    createProject({ directory: dir, template: "workflow", install: false, version: "^0.1.0" });
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    expect(pkg.name).toBe("shop-orders");
    expect(pkg.dependencies["@durable-ts/sdk"]).toBe("^0.1.0");
    expect(pkg.devDependencies["@durable-ts/testing"]).toBe("^0.1.0");
    expect(pkg.scripts).toMatchObject({ test: "vitest run", dev: expect.stringContaining("durable-ts serve"), build: "node scripts/bundle.mjs" });
    for (const file of [".gitignore", "cdk.json", "src/order-workflow.ts", "test/order-workflow.test.ts", "infra/app.ts", "scripts/bundle.mjs", "README.md"]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    expect(existsSync(join(dir, "_package.json"))).toBe(false);
    expect(readFileSync(join(dir, "infra/app.ts"), "utf8")).toContain('new Stack(app, "shop-orders")');
    expect(readFileSync(join(dir, "README.md"), "utf8")).toMatch(/^# shop-orders\n/);
  });

  it("copies the actor and api templates with their handlers, tests, bundle script and CDK app", () => {
    const files = {
      actor: ["src/counter.ts", "src/rate-limiter.ts", "test/counter.test.ts", "test/rate-limiter.test.ts", "test/lambda.test.ts"],
      api: ["src/api.ts", "src/streaming-router.ts", "src/export-job.ts", "test/api.test.ts", "test/export-job.test.ts"],
    };
    for (const [template, own] of Object.entries(files) as ["actor" | "api", string[]][]) {
      const dir = join(tmp(), `my-${template}`);
      createProject({ directory: dir, template, install: false, version: "^0.1.0" });
      for (const file of [...own, ".gitignore", "cdk.json", "infra/app.ts", "scripts/bundle.mjs", "README.md", "tsconfig.json", "vitest.config.ts"]) {
        expect(existsSync(join(dir, file)), `${template}: ${file}`).toBe(true);
      }
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      expect(pkg.name).toBe(`my-${template}`);
      expect(pkg.scripts).toMatchObject({ test: "vitest run", dev: expect.stringContaining("durable-ts serve"), build: "node scripts/bundle.mjs" });
      // Every package of this repository the project names is one --local replaces.
      const ours = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => d.startsWith("@durable-ts/"));
      expect(
        ours.every((d) => TEMPLATES[template].packages.includes(d)),
        ours.join(", "),
      ).toBe(true);
      expect(readFileSync(join(dir, "infra/app.ts"), "utf8")).toContain(`new Stack(app, "my-${template}")`);
      expect(readFileSync(join(dir, "README.md"), "utf8")).toMatch(new RegExp(`^# my-${template}\n`));
    }
  });

  it("uses the packed tarballs of a local folder with --local", () => {
    const packs = tmp();
    for (const f of ["durable-ts-sdk-0.1.0.tgz", "durable-ts-testing-0.1.0.tgz", "durable-ts-cdk-0.1.0.tgz", "create-durable-ts-0.1.0.tgz", "durable-ts-otel-0.1.0.tgz"])
      writeFileSync(join(packs, f), "");
    const dir = join(tmp(), "app");
    createProject({ directory: dir, template: "workflow", install: false, local: packs });
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    expect(pkg.dependencies["@durable-ts/sdk"]).toBe(`file:${join(packs, "durable-ts-sdk-0.1.0.tgz")}`);
    expect(pkg.devDependencies["@durable-ts/cdk"]).toBe(`file:${join(packs, "durable-ts-cdk-0.1.0.tgz")}`);
    expect(pkg.devDependencies.vitest).toBe("~4.1.12");
    // create-durable-ts comes with @durable-ts/testing: from its tarball as well.
    expect(pkg.overrides).toEqual({
      "@durable-ts/sdk": `file:${join(packs, "durable-ts-sdk-0.1.0.tgz")}`,
      "@durable-ts/testing": `file:${join(packs, "durable-ts-testing-0.1.0.tgz")}`,
      "@durable-ts/cdk": `file:${join(packs, "durable-ts-cdk-0.1.0.tgz")}`,
      "create-durable-ts": `file:${join(packs, "create-durable-ts-0.1.0.tgz")}`,
    });
  });

  it("names what is wrong: a bad package name, a folder in use, a missing tarball", () => {
    expect(() => createProject({ directory: join(tmp(), "My App"), template: "workflow", install: false })).toThrow(/"My App" is not a valid npm package name/);
    const used = tmp();
    writeFileSync(join(used, "keep.txt"), "mine");
    expect(() => createProject({ directory: used, template: "workflow", install: false, name: "ok" })).toThrow(/already exists and is not an empty folder/);
    expect(readFileSync(join(used, "keep.txt"), "utf8")).toBe("mine");
    const empty = tmp();
    mkdirSync(join(empty, "packs"));
    expect(() => createProject({ directory: join(empty, "x"), template: "workflow", install: false, local: join(empty, "packs") })).toThrow(
      /expected one tarball of @durable-ts\/sdk \(durable-ts-sdk-<version>\.tgz\), found none/,
    );
  });
});

describe("parseOptions", () => {
  it("reads the directory, template, name, --no-install and --local", () => {
    expect(parseOptions(["app", "--template", "workflow", "--name", "x", "--no-install", "--local", "/p"])).toEqual({
      help: false,
      directory: "app",
      template: "workflow",
      name: "x",
      install: false,
      local: "/p",
    });
    expect(parseOptions([])).toEqual({ help: false, install: true });
    expect(parseOptions(["-h"]).help).toBe(true);
  });

  it("rejects an unknown template, naming the ones that exist", () => {
    expect(() => parseOptions(["app", "--template", "nope"])).toThrow(`Unknown template "nope": choose one of ${Object.keys(TEMPLATES).join(", ")}`);
    expect(() => parseOptions(["a", "b"])).toThrow("Expected one directory, got 2: a b");
  });
});

describe("runCreate (the command of create-durable-ts and durable-ts create)", () => {
  it("asks for a missing folder and template when it can ask, and takes the defaults for empty answers", async () => {
    const cwd = tmp();
    const questions: string[] = [];
    const answers = [join(cwd, "asked"), "actor"];
    const lines: string[] = [];
    await runCreate({ install: false }, { out: (l) => lines.push(l), ask: async (q) => (questions.push(q), answers.shift()!) });
    expect(questions).toEqual(["Project folder: (my-durable-app) ", `Template (${Object.keys(TEMPLATES).join(", ")}): (workflow) `]);
    expect(existsSync(join(cwd, "asked", "src", "counter.ts"))).toBe(true);
    expect(lines.at(-1)).toBe(`\nNext:\n  cd ${join(cwd, "asked")}\n  npm install\n  npm test\n  npm run dev\n  npx cdk synth`);

    const defaults = await runCreate({ install: false, directory: join(cwd, "defaults") }, { out: () => undefined, ask: async () => "" });
    expect(defaults.name).toBe("defaults");
    expect(existsSync(join(cwd, "defaults", "src", "order-workflow.ts"))).toBe(true);
  });

  it("without a way to ask: the template defaults to workflow and a missing folder or unknown template is a usage error", async () => {
    const cwd = tmp();
    await runCreate({ install: false, directory: join(cwd, "a") }, { out: () => undefined });
    expect(existsSync(join(cwd, "a", "src", "order-workflow.ts"))).toBe(true);
    await expect(runCreate({ install: false }, { out: () => undefined })).rejects.toThrow(new CreateUsageError("Missing the project folder."));
    await expect(runCreate({ install: false, directory: join(cwd, "b"), template: "cron" }, { out: () => undefined })).rejects.toBeInstanceOf(CreateUsageError);
    await expect(runCreate({ install: false }, { out: () => undefined, ask: async (q) => (q.startsWith("Template") ? "cron" : join(cwd, "c")) })).rejects.toThrow(
      'Unknown template "cron"',
    );
    expect(existsSync(join(cwd, "b"))).toBe(false);
    expect(existsSync(join(cwd, "c"))).toBe(false);
  });
});
