import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The handler logs as JSON lines; in tests only warnings and errors are worth reading.
    env: { AWS_LAMBDA_LOG_LEVEL: "WARN" },
  },
});
