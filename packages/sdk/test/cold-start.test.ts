// What a hello-world handler costs at a cold start: what its bundle contains, and what importing
// it does. Bundled the way one deploys to Lambda (esbuild, minified, CommonJS, `@aws-sdk/*` external
// because the Lambda runtime provides it), from the sources as a user's build sees the package.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build, type Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "durable-ts-hello-"));
const bundle = join(dir, "hello.cjs");
let inputs: string[] = [];

beforeAll(async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./fixtures/hello-world.ts", import.meta.url))],
    outfile: bundle,
    bundle: true,
    minify: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["@aws-sdk/*"],
    tsconfig: join(root, "tsconfig.json"),
    metafile: true,
    logLevel: "silent",
  });
  // What the output holds: modules esbuild read but tree-shook away contribute no bytes.
  const output = Object.values((result.metafile as Metafile).outputs)[0];
  inputs = Object.entries(output?.inputs ?? {})
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Runs in a fresh node process before the bundle is required: records every module request and
// every file, timer and socket opened while the bundle is imported.
const probe = `
const Module = require("node:module");
const fs = require("node:fs");
const net = require("node:net");
const seen = { modules: [], files: [], timers: 0, sockets: 0 };
const load = Module._load;
Module._load = function (request, ...rest) { seen.modules.push(request); return load.call(this, request, ...rest); };
for (const name of ["readFileSync", "openSync", "readFile", "open", "existsSync", "statSync"]) {
  const original = fs[name];
  fs[name] = function (path, ...rest) { seen.files.push(String(path)); return original.call(this, path, ...rest); };
}
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = function (...args) { seen.timers++; return setTimeoutOriginal.apply(this, args); };
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) { seen.sockets++; return connect.apply(this, args); };
const bundle = process.argv[2];
const before = seen.files.length;
seen.modules.length = 0;
const loaded = require(bundle);
seen.files = seen.files.slice(before).filter((file) => file !== bundle);
seen.handler = typeof loaded.handler;
process.stdout.write(JSON.stringify(seen));
`;

describe("hello-world handler at a cold start", () => {
  it("bundles none of the optional parts: runtime loop, plain-handler wrappers, saga, file-system serdes, previews, test kit", () => {
    const sdk = inputs.filter((path) => path.includes("packages/sdk/src/"));
    expect(sdk.length).toBeGreaterThan(0);
    const optional = inputs.filter((path) =>
      /packages\/sdk\/src\/(runtime|lambda|saga)\/|serdes\/(filesystem-serdes|preview)\.ts|packages\/(testing|actors|otel|powertools|s3-payloads)\//.test(path),
    );
    expect(optional).toEqual([]);
  });

  it("importing it loads no AWS SDK client, reads no file, starts no timer and opens no socket", async () => {
    const script = join(dir, "probe.cjs");
    writeFileSync(script, probe);
    const { stdout } = await promisify(execFile)(process.execPath, [script, bundle], { cwd: root, timeout: 30_000 });
    const seen = JSON.parse(stdout) as { modules: string[]; files: string[]; timers: number; sockets: number; handler: string };
    expect(seen.handler).toBe("function");
    // The client is loaded when the first invocation needs it (and never under a test transport).
    expect(seen.modules.filter((request) => request.startsWith("@aws-sdk/") || request.startsWith("@smithy/"))).toEqual([]);
    expect(seen.modules.filter((request) => !request.startsWith("node:") && request !== bundle)).toEqual([]);
    expect(seen.files).toEqual([]);
    expect(seen.timers).toBe(0);
    expect(seen.sockets).toBe(0);
  });
});
