/**
 * `durable-ts create <directory>`: the scaffold of the `create-durable-ts` package, run from this
 * CLI with the same options and the same behaviour (its `runCreate`). The package is loaded when
 * the command runs, so the other commands start without it.
 */
import { resolve } from "node:path";
import { booleanValue, stringValue, type CommandSpec, type ParsedCommand } from "../args.js";
import { CliError, usageError } from "../errors.js";
import type { CliIO } from "../io.js";

/** The part of `create-durable-ts` this command uses (its `runCreate` and `terminalPrompt`). */
interface CreateModule {
  runCreate(
    options: { directory?: string; template?: string; name?: string; install: boolean; local?: string },
    io: { out(line: string): void; ask?: (question: string) => Promise<string> },
  ): Promise<{ directory: string; name: string }>;
  terminalPrompt(): { ask: (question: string) => Promise<string>; close: () => void } | undefined;
}

// A variable specifier: resolved at run time from this package's dependencies, not at build time.
const CREATE_PACKAGE = "create-durable-ts";

async function loadCreate(): Promise<CreateModule> {
  try {
    return (await import(CREATE_PACKAGE)) as CreateModule;
  } catch (error) {
    throw new CliError(`Cannot load ${CREATE_PACKAGE}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function createCommand(parsed: ParsedCommand, io: CliIO): Promise<number> {
  if (parsed.positionals.length > 1) throw usageError(`Expected one directory, got ${parsed.positionals.length}: ${parsed.positionals.join(" ")}`);
  const [directory] = parsed.positionals;
  const template = stringValue(parsed, "template");
  const name = stringValue(parsed, "name");
  const local = stringValue(parsed, "local");
  const create = await loadCreate();
  const prompt = create.terminalPrompt();
  try {
    await create.runCreate(
      {
        install: !booleanValue(parsed, "no-install"),
        // Relative paths are relative to where the command runs.
        ...(directory !== undefined ? { directory: resolve(io.cwd, directory) } : {}),
        ...(template !== undefined ? { template } : {}),
        ...(name !== undefined ? { name } : {}),
        ...(local !== undefined ? { local: resolve(io.cwd, local) } : {}),
      },
      { out: (line) => io.out(line), ...(prompt ? { ask: prompt.ask } : {}) },
    );
    return 0;
  } catch (error) {
    if (error instanceof Error && error.name === "CreateUsageError")
      throw usageError(`${error.message}\nusage: durable-ts create <directory> [options]   (durable-ts create --help lists the options)`);
    throw new CliError(error instanceof Error ? error.message : String(error));
  } finally {
    prompt?.close();
  }
}

export const CREATE: CommandSpec = {
  name: "create",
  summary: "Create a project: a handler, tests, a bundle script, a local dev server and a CDK app",
  positionals: "<directory>",
  options: [
    {
      name: "template",
      type: "string",
      placeholder: "<name>",
      description: "workflow (order workflow), actor (counter, rate limiter) or api (HTTP + SSE); default workflow",
    },
    { name: "name", type: "string", placeholder: "<name>", description: "The package name (default: the directory's name)" },
    { name: "no-install", type: "boolean", description: "Do not run npm install" },
    { name: "local", type: "string", placeholder: "<folder>", description: "Use the packed packages (npm pack tarballs) in <folder> instead of the registry" },
  ],
  notes: ["The same as npm create durable-ts@latest <directory> (create-durable-ts). With a terminal attached, asks for a missing directory or template."],
  run: createCommand,
};
