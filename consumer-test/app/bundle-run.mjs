// Bundles handler.ts with esbuild for Node 22 (ESM, with and without the createRequire banner)
// and runs the bundle on the runtime loop (@durable-ts/sdk/runtime) against the local server.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { startLocalServer } from "@durable-ts/testing";
import { build } from "esbuild";

const banner = { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" };
const common = { entryPoints: ["handler.ts"], bundle: true, platform: "node", target: "node22", format: "esm", logLevel: "warning" };
mkdirSync("bundle/with-banner", { recursive: true });
mkdirSync("bundle/without-banner", { recursive: true });
await build({ ...common, outfile: "bundle/with-banner/index.mjs", banner });
await build({ ...common, outfile: "bundle/without-banner/index.mjs" });

async function invokeBundle(taskRoot, skipTime) {
  // The function runs in its own process, as on Lambda, polling the server's Runtime API.
  const server = await startLocalServer({ port: 0, skipTime, functions: { orders: { external: true, timeoutMs: 20_000 } } });
  let output = "";
  const child = spawn(process.execPath, ["bootstrap.mjs"], {
    env: {
      ...process.env,
      AWS_LAMBDA_RUNTIME_API: server.runtimeApi("orders"),
      AWS_ENDPOINT_URL_LAMBDA: server.url,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      LAMBDA_TASK_ROOT: taskRoot,
      _HANDLER: "index.handler",
      AWS_LAMBDA_FUNCTION_NAME: "orders",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  try {
    // The Invoke route as the AWS SDK calls it (RequestResponse: the answer is the execution's result).
    const response = await fetch(`${server.url}/2015-03-31/functions/orders/invocations`, { method: "POST", body: JSON.stringify({ items: [1, 2, 3] }) });
    return { functionError: response.headers.get("x-amz-function-error") ?? undefined, payload: await response.json(), output };
  } finally {
    child.kill();
    await server.close();
  }
}

const good = await invokeBundle(new URL("bundle/with-banner/", import.meta.url).pathname, false);
const expected = JSON.stringify({ doubled: [2, 4, 6], both: ["left", "right"] });
if (good.functionError || JSON.stringify(good.payload) !== expected) {
  throw new Error(`bundled handler: ${JSON.stringify(good.payload)} ${good.functionError ?? ""}\n${good.output}`);
}
console.log("esbuild bundle (node22, ESM + createRequire banner) on the runtime loop: SUCCEEDED");

// Without the banner the bundled AWS SDK's require("node:https") throws once the SDK first builds its
// Lambda client (at the first checkpoint), as docs/packaging.md says: every invocation fails and so
// does the execution (skipTime jumps over the retry delays between the failed invocations).
const bad = await invokeBundle(new URL("bundle/without-banner/", import.meta.url).pathname, true);
if (!bad.functionError || !/Dynamic require of \\?"node:/.test(JSON.stringify(bad.payload) + bad.output)) {
  throw new Error(`expected the ESM bundle without the banner to fail with "Dynamic require of": ${JSON.stringify(bad.payload)}\n${bad.output}`);
}
console.log('esbuild bundle without the banner fails with "Dynamic require of", as documented');
