#!/usr/bin/env node
// The `create-durable-ts` bin. Committed, not built, so that npm can link it when it installs the
// workspace, before `npm run build` has produced dist/.
const url = new URL("../dist/cli.js", import.meta.url);
try {
  await import(url.href);
} catch (error) {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/cli.js")) {
    process.stderr.write(`create-durable-ts: ${url.pathname} is missing. In a clone of the repository, run \`npm run build\` first.\n`);
    process.exit(1);
  }
  throw error;
}
