// Bundles each actor's handler into dist/<actor>.mjs: ESM files for Lambda's Node.js 22 runtime.
// The banner gives the bundles a `require`, which the AWS SDK's CommonJS parts call on Node built-ins.
import { build } from "esbuild";

const entries = ["counter", "rate-limiter"];
await build({
  entryPoints: entries.map((name) => `src/${name}.ts`),
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  minify: true,
  sourcemap: true,
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
for (const name of entries) console.log(`dist/${name}.mjs written (handler: ${name}.handler)`);
