import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

// Tests run on the sources: the workspace packages resolve to their src/ entry points.
// TEST_SIZE=full (CI) adds the integration files and full-size properties; see packages/sdk/test/property-runs.ts.
const full = process.env.TEST_SIZE === "full";

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
      "create-durable-ts": src("create-durable-ts"),
    },
  },
  test: {
    include: ["packages/*/{src,test}/**/*.test.ts", "examples/**/*.test.ts", "scripts/**/*.test.ts"],
    // Integration files start child processes, servers, a browser, DynamoDB or a CDK synth: minutes
    // on two cores, so the everyday run leaves them to TEST_SIZE=full and says so.
    exclude: full ? configDefaults.exclude : [...configDefaults.exclude, "**/*.integration.test.ts"],
    globalSetup: full ? [] : ["./scripts/quick-test-note.ts"],
    // The quick run shares one module graph per worker (a third of the CPU time); CI keeps every
    // file in its own, so state leaking from one file into another still fails there.
    isolate: full,
    testTimeout: 30_000,
    // The AWS SDK's documented switch for its Node-version notice (tests and the processes they start).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    // Public types are tested in *.test-d.ts files: counted in the full run; `npm run typecheck`
    // checks the same files every day.
    typecheck: { enabled: full, include: ["packages/*/{src,test}/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
