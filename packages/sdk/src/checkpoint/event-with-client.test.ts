import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

describe("DurableExecutionInvocationInputWithClient", () => {
  it("keeps its class name when bundled and minified, as the official SDK recognises the event by it", async () => {
    const entry = fileURLToPath(new URL("./event-with-client.ts", import.meta.url));
    for (const minify of [false, true]) {
      const out = await build({
        entryPoints: [entry],
        bundle: true,
        format: "cjs",
        platform: "node",
        minify,
        write: false,
        logLevel: "silent",
        external: ["@aws-sdk/*"],
      });
      const module = { exports: {} as Record<string, { name: string }> };
      new Function("module", "exports", "require", out.outputFiles[0]!.text)(module, module.exports, require);
      expect(module.exports.DurableExecutionInvocationInputWithClient!.name).toBe("DurableExecutionInvocationInputWithClient");
    }
  });
});
