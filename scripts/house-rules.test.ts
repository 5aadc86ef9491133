// The layer rules of eslint.config.mjs (CONTRIBUTING.md, "Layers") reject what they should and
// accept what the code base relies on: linting a snippet as if it sat at a given path.
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The rule ids ESLint reports for `code` placed at `path` (relative to the repository root). */
async function rulesAt(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  if (result === undefined) throw new Error(`ESLint returned no result for ${path}`);
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const RESTRICTED = "@typescript-eslint/no-restricted-imports";

describe("the layer rules", () => {
  it("reject an SDK layer importing one above it, and accept the ones below it", async () => {
    expect(await rulesAt("packages/sdk/src/operations/x.ts", 'export { a } from "../context/context-impl.js";\n')).toEqual([RESTRICTED]);
    expect(await rulesAt("packages/sdk/src/errors/x.ts", 'export { a } from "../time/index.js";\n')).toEqual([RESTRICTED]);
    expect(await rulesAt("packages/sdk/src/lambda/router/x.ts", 'export { a } from "../../operations/step.js";\n')).toEqual([RESTRICTED]);
    expect(await rulesAt("packages/sdk/src/operations/x.ts", 'export { a } from "../replay/index.js";\nexport { b } from "../serdes/index.js";\n')).toEqual([]);
    // A file of the same folder that shares a name with a layer is not that layer.
    expect(await rulesAt("packages/sdk/src/lambda/router/x.ts", 'export { a } from "../lifecycle.js";\n')).toEqual([]);
  });

  it("reject a layer importing its package's entry", async () => {
    expect(await rulesAt("packages/sdk/src/context/x.ts", 'export { a } from "../index.js";\n')).toEqual([RESTRICTED]);
  });

  it("let only checkpoint/ load the Lambda client at run time; types are fine everywhere", async () => {
    expect(await rulesAt("packages/sdk/src/checkpoint/x.ts", 'export { LambdaClient } from "@aws-sdk/client-lambda";\n')).toEqual([]);
    expect(await rulesAt("packages/sdk/src/operations/x.ts", 'export { LambdaClient } from "@aws-sdk/client-lambda";\n')).toEqual([RESTRICTED]);
    expect(await rulesAt("packages/sdk/src/operations/x.ts", 'export type { Operation } from "@aws-sdk/client-lambda";\n')).toEqual([]);
  });

  it("keep the SDK free of its testing kit, and the testing backend free of the SDK", async () => {
    expect(await rulesAt("packages/sdk/src/durable-execution.ts", 'export { a } from "@durable-ts/testing";\n')).toEqual([RESTRICTED]);
    expect(await rulesAt("packages/testing/src/backend/x.ts", 'export { durableExecution } from "@durable-ts/sdk";\n')).toEqual([RESTRICTED]);
    expect(await rulesAt("packages/testing/src/server/x.ts", 'export type { RuntimeHandler } from "@durable-ts/sdk/runtime";\n')).toEqual([RESTRICTED]);
    expect(await rulesAt("packages/testing/src/runners/x.ts", 'export { durableExecution } from "@durable-ts/sdk";\n')).toEqual([]);
  });

  it("keep history/ below runners/ in the testing package", async () => {
    expect(await rulesAt("packages/testing/src/history/x.ts", 'export { a } from "../runners/local-runner.js";\n')).toEqual([RESTRICTED]);
    expect(await rulesAt("packages/testing/src/runners/x.ts", 'export { a } from "../history/index.js";\n')).toEqual([]);
  });

  it("reject a relative path into another package from anywhere, tests included", async () => {
    expect(await rulesAt("packages/testing/test/x.test.ts", 'export { a } from "../../sdk/src/runtime/index.js";\n')).toEqual([RESTRICTED]);
    expect(await rulesAt("examples/x.ts", 'export { a } from "../packages/sdk/src/index.js";\n')).toEqual([RESTRICTED]);
    expect(await rulesAt("packages/testing/test/x.test.ts", 'export { a } from "../src/history/index.js";\n')).toEqual([]);
  });

  it("let tests of a layer use any layer of their package", async () => {
    expect(await rulesAt("packages/sdk/src/errors/x.test.ts", 'export { a } from "../context/context-impl.js";\n')).toEqual([]);
  });
});

describe("any", () => {
  it("is an error in source files and allowed in tests and for rest parameters", async () => {
    expect(await rulesAt("packages/actors/src/x.ts", "export const f = (x: any): unknown => x;\n")).toEqual(["@typescript-eslint/no-explicit-any"]);
    expect(await rulesAt("packages/actors/test/x.test.ts", "export const f = (x: any): unknown => x;\n")).toEqual([]);
    expect(await rulesAt("packages/actors/src/x.ts", "export type AnyFunction = (...args: any[]) => unknown;\n")).toEqual([]);
  });
});
