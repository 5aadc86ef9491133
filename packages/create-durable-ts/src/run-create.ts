import { createInterface } from "node:readline/promises";
import { createProject } from "./create-project.js";
import { isTemplateName, TEMPLATES, type TemplateName } from "./templates.js";

/** What `create-durable-ts` and `durable-ts create` take from their command lines. */
export interface CreateCommandOptions {
  directory?: string;
  /** Checked here: an unknown name is a {@link CreateUsageError}. */
  template?: string;
  name?: string;
  install: boolean;
  local?: string;
}

/** Where the command writes, and how it asks (only when a person is at a terminal). */
export interface CreateCommandIO {
  out(line: string): void;
  /** Asks a question and resolves with the answer; absent when no terminal is attached. */
  ask?: (question: string) => Promise<string>;
}

/** A bad command line: the caller prints the message with its usage and exits 2. */
export class CreateUsageError extends Error {
  override readonly name = "CreateUsageError";
}

/** A question-and-answer prompt on this process's terminal, or undefined when stdin or stdout is not one. */
export function terminalPrompt(): { ask: (question: string) => Promise<string>; close: () => void } | undefined {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  return { ask: (question) => rl.question(question), close: () => rl.close() };
}

function templateOf(name: string): TemplateName {
  if (!isTemplateName(name)) throw new CreateUsageError(`Unknown template "${name}": choose one of ${Object.keys(TEMPLATES).join(", ")}`);
  return name;
}

/**
 * The create command shared by `create-durable-ts` and `durable-ts create`: asks for the folder and
 * the template when they are missing and a terminal is attached (else the template defaults to
 * `workflow` and a missing folder is a usage error), creates the project, installs it unless told
 * not to, and prints the next steps. Throws {@link CreateUsageError} for a bad command line and an
 * `Error` naming the problem when the project cannot be created.
 */
export async function runCreate(options: CreateCommandOptions, io: CreateCommandIO): Promise<{ directory: string; name: string }> {
  let { directory, template } = options;
  if (template !== undefined) templateOf(template);
  if (io.ask !== undefined && (directory === undefined || template === undefined)) {
    directory ??= (await io.ask("Project folder: (my-durable-app) ")).trim() || "my-durable-app";
    template ??= (await io.ask(`Template (${Object.keys(TEMPLATES).join(", ")}): (workflow) `)).trim() || "workflow";
  }
  if (directory === undefined) throw new CreateUsageError("Missing the project folder.");
  const created = createProject({
    directory,
    template: templateOf(template ?? "workflow"),
    install: options.install,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.local !== undefined ? { local: options.local } : {}),
    log: io.out,
  });
  io.out(`\nNext:\n  cd ${directory}\n${options.install ? "" : "  npm install\n"}  npm test\n  npm run dev\n  npx cdk synth`);
  return created;
}
