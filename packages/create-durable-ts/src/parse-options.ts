import { parseArgs } from "node:util";
import { isTemplateName, TEMPLATES, type TemplateName } from "./templates.js";

export const USAGE = `Usage: create-durable-ts <directory> [options]

Creates a durable-ts project: a handler, tests, a bundle script, a local dev server and a CDK stack.

Options:
  --template <name>  ${Object.values(TEMPLATES)
    .map((t) => `${t.name}: ${t.description}`)
    .join("\n                     ")}
                     (default: workflow)
  --name <name>      the package name (default: the directory's name)
  --no-install       do not run npm install
  --local <folder>   use the packed packages (npm pack tarballs) in <folder> instead of the registry
  -h, --help         show this help
`;

/** Parsed command line; `missing` lists what an interactive prompt may ask for. */
export interface ParsedOptions {
  help: boolean;
  directory?: string;
  template?: TemplateName;
  name?: string;
  install: boolean;
  local?: string;
}

/** Parses the arguments; throws an `Error` whose message names the bad option. */
export function parseOptions(argv: string[]): ParsedOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      template: { type: "string", short: "t" },
      name: { type: "string" },
      install: { type: "boolean", default: true },
      "no-install": { type: "boolean" },
      local: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (positionals.length > 1) throw new Error(`Expected one directory, got ${positionals.length}: ${positionals.join(" ")}`);
  const template = values.template;
  if (template !== undefined && !isTemplateName(template)) {
    throw new Error(`Unknown template "${template}": choose one of ${Object.keys(TEMPLATES).join(", ")}`);
  }
  const parsed: ParsedOptions = { help: values.help === true, install: values.install !== false && values["no-install"] !== true };
  if (positionals[0] !== undefined) parsed.directory = positionals[0];
  if (template !== undefined) parsed.template = template;
  if (values.name !== undefined) parsed.name = values.name;
  if (values.local !== undefined) parsed.local = values.local;
  return parsed;
}
