import { ConfigError } from "../errors/index.js";

/** Printable ASCII, 1–256 characters: the service's Name pattern. */
const NAME_PATTERN = /^[\x20-\x7E]{1,256}$/;

/**
 * Normalises the official overloads once: `op(name, ...rest)` when the first argument is a string
 * or `undefined`, else `op(...rest)` with no name.
 */
export function splitOptionalName(args: readonly unknown[]): { name: string | undefined; rest: unknown[] } {
  if (typeof args[0] === "string" || (args[0] === undefined && args.length > 1)) {
    return { name: validateName(args[0] as string | undefined), rest: args.slice(1) };
  }
  return { name: undefined, rest: [...args] };
}

/** `wait`/`waitUntil`: name-first only when the first argument is a string. */
export function splitStringName(args: readonly unknown[]): { name: string | undefined; rest: unknown[] } {
  if (typeof args[0] === "string") return { name: validateName(args[0]), rest: args.slice(1) };
  return { name: undefined, rest: [...args] };
}

/** Returns the name if it fits the service's pattern, else throws `ConfigError{INVALID_NAME}`. */
export function validateName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (typeof name !== "string" || !NAME_PATTERN.test(name)) {
    throw new ConfigError(
      "INVALID_NAME",
      `Invalid operation name ${JSON.stringify(name)}: names are 1-256 printable ASCII characters (0x20-0x7E)`,
      "name",
    );
  }
  return name;
}

/** Throws `ConfigError{INVALID_CONFIG}` unless `value` is a function. */
export function requireFunction(value: unknown, field: string): asserts value is (...args: any[]) => unknown {
  if (typeof value !== "function") {
    throw new ConfigError("INVALID_CONFIG", `${field} must be a function, received ${typeof value}`, field);
  }
}
