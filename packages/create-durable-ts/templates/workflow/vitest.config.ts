import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The handlers log as JSON lines; in tests only warnings and errors are worth reading.
    env: { AWS_LAMBDA_LOG_LEVEL: "WARN" },
  },
});
