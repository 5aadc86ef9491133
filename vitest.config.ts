import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests run on the sources: the workspace packages resolve to their src/ entry points.
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // The subpath first: a string alias would otherwise rewrite it to src/index.ts/runtime.
      "@durable-ts/sdk/runtime": fileURLToPath(new URL("./packages/sdk/src/runtime/index.ts", import.meta.url)),
      "@durable-ts/sdk/lambda": fileURLToPath(new URL("./packages/sdk/src/lambda/index.ts", import.meta.url)),
      "@durable-ts/sdk": src("sdk"),
      "@durable-ts/testing": src("testing"),
    },
  },
  test: {
    include: ["packages/*/{src,test}/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
