// Figure 7 (one fresh plain-node process per sample): import a bundled hello-world handler, whose
// module body calls withDurableExecution, and report how long that took. Plain JavaScript, no tsx,
// so nothing but node itself runs before the import. With `preload`, @aws-sdk/client-lambda (which
// the Lambda runtime provides and both SDKs load) is required before the clock starts, leaving the
// SDK's own share.
import { createRequire } from "node:module";

const args = JSON.parse(process.argv[2]);
if (args.preload) createRequire(import.meta.url)("@aws-sdk/client-lambda");
const started = performance.now();
const module = await import(args.bundleUrl);
const handler = module.handler ?? module.default?.handler;
const importInitMs = performance.now() - started;
if (typeof handler !== "function") throw new Error(`${args.bundleUrl} exports no handler function`);
process.stdout.write(`BENCH_RESULT ${JSON.stringify({ importInitMs, sinceProcessStartMs: performance.now() })}\n`);
