import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, TSX } from "./server-support.js";

const FIXTURE = fileURLToPath(new URL("./import-fixtures/client-lambda-use.ts", import.meta.url));

describe("importing @durable-ts/testing", () => {
  it("loads @aws-sdk/client-lambda only on first use: not at import, not for a local run, but for the first service error (of the client's own class)", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [...TSX, FIXTURE], { cwd: REPO_ROOT, env: { ...process.env, NODE_OPTIONS: "" } });
    expect(JSON.parse(stdout)).toEqual({
      atImport: false,
      afterRun: false,
      result: 12,
      afterError: true,
      errorName: "ResourceNotFoundException",
      isClientClass: true,
    });
  }, 30_000);
});
