#!/usr/bin/env node
// `npm create durable-ts@latest my-app` / `npx create-durable-ts my-app`.
import { createInterface } from "node:readline/promises";
import { createProject } from "./create-project.js";
import { parseOptions, USAGE } from "./parse-options.js";
import { isTemplateName, TEMPLATES } from "./templates.js";

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
  if (process.stdin.isTTY && process.stdout.isTTY && (options.directory === undefined || options.template === undefined)) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      options.directory ??= (await rl.question("Project folder: (my-durable-app) ")).trim() || "my-durable-app";
      if (options.template === undefined) {
        const answer = (await rl.question(`Template (${Object.keys(TEMPLATES).join(", ")}): (workflow) `)).trim() || "workflow";
        if (!isTemplateName(answer)) throw new Error(`Unknown template "${answer}"`);
        options.template = answer;
      }
    } finally {
      rl.close();
    }
  }
  if (options.directory === undefined) {
    process.stderr.write(`Missing the project folder.\n\n${USAGE}`);
    return 2;
  }
  try {
    createProject({
      directory: options.directory,
      template: options.template ?? "workflow",
      install: options.install,
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.local !== undefined ? { local: options.local } : {}),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`\nNext:\n  cd ${options.directory}\n${options.install ? "" : "  npm install\n"}  npm test\n  npm run dev\n  npx cdk synth\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`create-durable-ts: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main();
