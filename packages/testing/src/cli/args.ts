/**
 * Command specs and their parser. Each command states its options in one table (name, kind,
 * placeholder, one-line description); parsing (`node:util` parseArgs), `--help` text and usage
 * errors are derived from it, so a new flag is one row.
 */
import { parseArgs } from "node:util";
import { usageError } from "./errors.js";
import type { CliIO } from "./io.js";

/** One option of a command. */
export interface OptionSpec {
  name: string;
  /** `string` options take a value (shown as `placeholder`), `boolean` ones do not. */
  type: "string" | "boolean";
  /** Placeholder of the value in help (`<ms>`, `<name>=<file>`). */
  placeholder?: string;
  /** May be given several times. */
  multiple?: boolean;
  /** One line. */
  description: string;
}

/** What a command's run function receives. */
export interface ParsedCommand {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Options `main` hands to commands that start processes. */
export interface CommandContext {
  cliEntry?: string;
  execArgv?: string[];
}

/** One command: its table of options and what it does. */
export interface CommandSpec {
  name: string;
  /** One line, shown by `durable-ts --help`. */
  summary: string;
  /** The positional part of the usage line (`<file>`, `succeed <id> [json] | ...`). */
  positionals?: string;
  options: OptionSpec[];
  /** Further lines of help after the options (examples, notes). */
  notes?: string[];
  /** Hidden commands are left out of `durable-ts --help`. */
  hidden?: boolean;
  /**
   * Positionals may start with "-" (callback ids are base64url): any token that is not one of the
   * command's options is a positional, even `--x`. Otherwise only single-dash tokens are (the
   * command defines no short options), and an unknown `--x` is a usage error.
   */
  dashedPositionals?: boolean;
  run(args: ParsedCommand, io: CliIO, context: CommandContext): Promise<number>;
}

function optionLabel(option: OptionSpec): string {
  return `--${option.name}${option.type === "string" ? ` ${option.placeholder ?? "<value>"}` : ""}`;
}

/** `durable-ts run <file> [options]`. */
export function usageLine(spec: CommandSpec): string {
  return `durable-ts ${spec.name}${spec.positionals ? ` ${spec.positionals}` : ""}${spec.options.length > 0 ? " [options]" : ""}`;
}

/** The `--help` text of a command: usage, summary, then one line per option. */
export function commandHelp(spec: CommandSpec): string {
  const rows = spec.options.map((option) => ({ label: `${optionLabel(option)}${option.multiple ? " ..." : ""}`, description: option.description }));
  const width = Math.max(0, ...rows.map((row) => row.label.length), "-h, --help".length);
  const lines = [`usage: ${usageLine(spec)}`, "", spec.summary];
  if (spec.options.length > 0) lines.push("", "options:");
  for (const row of rows) lines.push(`  ${row.label.padEnd(width)}  ${row.description}`);
  lines.push(`  ${"-h, --help".padEnd(width)}  Show this help and exit`);
  if (spec.notes?.length) lines.push("", ...spec.notes);
  return lines.join("\n");
}

/** True when the command line asks for help (`--help` or `-h` before a `--`). */
export function wantsHelp(argv: string[]): boolean {
  for (const arg of argv) {
    if (arg === "--") return false;
    if (arg === "--help" || arg === "-h") return true;
  }
  return false;
}

/**
 * Puts tokens that start with "-" but are no option of the command after a `--`, so parseArgs
 * takes them as positionals (in their order). Option values stay with their option.
 */
function separatePositionals(spec: CommandSpec, argv: string[]): string[] {
  const byName = new Map(spec.options.map((option) => [option.name, option]));
  const options: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!; // i < argv.length
    if (token === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const option = token.startsWith("--") ? byName.get(token.slice(2).split("=")[0]!) : undefined; // split returns at least one element
    if (option) {
      // `--opt=value` keeps a value that starts with "-" (`--input -5`) from reading as an option.
      if (option.type === "string" && !token.includes("=") && i + 1 < argv.length) options.push(`${token}=${argv[++i]}`);
      else options.push(token);
    } else if (token.startsWith("-") && token !== "-" && (spec.dashedPositionals || !token.startsWith("--"))) {
      positionals.push(token);
    } else if (token.startsWith("--")) {
      options.push(token); // unknown: parseArgs names it
    } else {
      positionals.push(token);
    }
  }
  return [...options, "--", ...positionals];
}

/** Parses `argv` against the spec's table; a bad command line is a usage error ending with the usage line. */
export function parseCommand(spec: CommandSpec, argv: string[]): ParsedCommand {
  const options = Object.fromEntries(spec.options.map((option) => [option.name, { type: option.type, multiple: option.multiple ?? false }]));
  try {
    const parsed = parseArgs({ args: separatePositionals(spec, argv), allowPositionals: true, strict: true, options });
    return { values: parsed.values as ParsedCommand["values"], positionals: parsed.positionals };
  } catch (error) {
    throw usageError(`${error instanceof Error ? error.message : String(error)}\n${commandUsageHint(spec)}`);
  }
}

/** The closing line of a usage error. */
export function commandUsageHint(spec: CommandSpec): string {
  return `usage: ${usageLine(spec)}   (durable-ts ${spec.name} --help lists the options)`;
}

/** Typed accessors over parsed values (the table decides the kinds; these keep call sites free of casts). */
export function stringValue(args: ParsedCommand, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === "string" ? value : undefined;
}

export function booleanValue(args: ParsedCommand, name: string): boolean {
  return args.values[name] === true;
}

export function listValue(args: ParsedCommand, name: string): string[] {
  const value = args.values[name];
  return Array.isArray(value) ? value : [];
}

/** An integer option in `[min, max]`, or `fallback` when absent. */
export function integerValue(args: ParsedCommand, name: string, range: { min: number; max: number }): number | undefined {
  const text = stringValue(args, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < range.min || n > range.max) {
    throw usageError(`--${name} expects an integer from ${range.min} to ${range.max}, received ${JSON.stringify(text)}`);
  }
  return n;
}

/** Options shared by the commands that talk to a service endpoint. */
export const ENDPOINT_OPTIONS: OptionSpec[] = [
  { name: "endpoint", type: "string", placeholder: "<url>", description: "Service endpoint (default AWS_ENDPOINT_URL_LAMBDA, else http://127.0.0.1:4126)" },
  { name: "aws", type: "boolean", description: "Use the real AWS service with the usual credential chain" },
  { name: "region", type: "string", placeholder: "<region>", description: "AWS region (default AWS_REGION, else us-east-1)" },
];

/** `--export`, shared by the commands that load a handler file. */
export const EXPORT_OPTION: OptionSpec = {
  name: "export",
  type: "string",
  placeholder: "<name>",
  description: "Handler export (default: handler, else the default export)",
};
