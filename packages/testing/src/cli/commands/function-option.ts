/** `<name>=<file>[#export]` options: `--function` of `run` (invoke targets) and `serve` (function processes), `--url` of `serve`. */
import { usageError } from "../errors.js";
import { splitHandlerSpec } from "../load-handler.js";

/** A Lambda function name as the local service accepts it. */
export const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function parseFunctionOption(option: string): { name: string; file: string; exportName?: string } {
  return parseNamedFile(option, "--function");
}

/** `<name>=<file>[#export]` of the option `flag`; a usage error names the flag. */
export function parseNamedFile(option: string, flag: string): { name: string; file: string; exportName?: string } {
  const eq = option.indexOf("=");
  if (eq <= 0 || eq === option.length - 1) throw usageError(`${flag} expects <name>=<file>[#export], received ${JSON.stringify(option)}`);
  const name = option.slice(0, eq);
  if (!FUNCTION_NAME.test(name)) throw usageError(`${flag}: a function name must be 1-64 characters of [a-zA-Z0-9-_], received ${JSON.stringify(name)}`);
  return { name, ...splitHandlerSpec(option.slice(eq + 1)) };
}
