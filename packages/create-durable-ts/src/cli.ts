#!/usr/bin/env node
// `npm create durable-ts@latest my-app` / `npx create-durable-ts my-app`.
import { parseOptions, USAGE } from "./parse-options.js";
import { CreateUsageError, runCreate, terminalPrompt } from "./run-create.js";

async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  // Ask only when a person is at a terminal; otherwise the defaults (or an error) apply.
  const prompt = terminalPrompt();
  try {
    await runCreate(options, { out: (line) => process.stdout.write(`${line}\n`), ...(prompt ? { ask: prompt.ask } : {}) });
    return 0;
  } catch (error) {
    if (error instanceof CreateUsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    process.stderr.write(`create-durable-ts: ${(error as Error).message}\n`);
    return 1;
  } finally {
    prompt?.close();
  }
}

process.exitCode = await main();
