import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests run on the sources: the workspace packages resolve to their src/ entry points.
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // The subpath first: a string alias would otherwise rewrite it to src/index.ts/runtime.
      "@durable-ts/sdk/runtime": fileURLToPath(new URL("./packages/sdk/src/runtime/index.ts", import.meta.url)),
      "@durable-ts/sdk/saga": fileURLToPath(new URL("./packages/sdk/src/saga/index.ts", import.meta.url)),
      "@durable-ts/actors/testing": fileURLToPath(new URL("./packages/actors/src/testing/index.ts", import.meta.url)),
      "@durable-ts/actors": src("actors"),
      "@durable-ts/sdk/lambda": fileURLToPath(new URL("./packages/sdk/src/lambda/index.ts", import.meta.url)),
      "@durable-ts/sdk": src("sdk"),
      "@durable-ts/testing": src("testing"),
    },
  },
  test: {
    include: ["packages/*/{src,test}/**/*.test.ts", "examples/**/*.test.ts", "scripts/**/*.test.ts"],
    testTimeout: 30_000,
    // The AWS SDK's documented switch for its Node-version notice (tests and the processes they start).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    // Public types are tested in *.test-d.ts files, type-checked on every run.
    typecheck: { enabled: true, include: ["packages/*/{src,test}/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
