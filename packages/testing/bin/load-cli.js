// Loads the built CLI. In a clone of the repository dist/ exists only after `npm run build`;
// say so instead of failing with a bare ERR_MODULE_NOT_FOUND.
export async function loadCli() {
  // The AWS SDK's documented switch: no Node-version notice in this tool's output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const url = new URL("../dist/cli.js", import.meta.url);
  try {
    return await import(url.href);
  } catch (error) {
    if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes(url.pathname.split("/").slice(-2).join("/"))) {
      process.stderr.write(`durable-ts: ${url.pathname} is missing. In a clone of the repository, run \`npm run build\` first.\n`);
      process.exit(1);
    }
    throw error;
  }
}
