import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The handlers log as JSON lines; in tests only warnings and errors are worth reading.
    // (The AWS SDK's notice about Node 20 is switched off by its documented variable.)
    env: { AWS_LAMBDA_LOG_LEVEL: "WARN", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
