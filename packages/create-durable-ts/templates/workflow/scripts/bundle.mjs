// Bundles the handler into dist/order-workflow.mjs: an ESM file for Lambda's Node.js 22 runtime.
// The banner gives the bundle a `require`, which the AWS SDK's CommonJS parts call on Node built-ins.
import { build } from "esbuild";

await build({
  entryPoints: ["src/order-workflow.ts"],
  outfile: "dist/order-workflow.mjs",
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  minify: true,
  sourcemap: true,
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
console.log("dist/order-workflow.mjs written (handler: order-workflow.handler)");
