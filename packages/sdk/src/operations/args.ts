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
    throw new ConfigError("INVALID_NAME", `Invalid operation name ${JSON.stringify(name)}: names are 1-256 printable ASCII characters (0x20-0x7E)`, "name");
  }
  return name;
}

/** Throws `ConfigError{INVALID_CONFIG}` unless `value` is a function. */
export function requireFunction(value: unknown, field: string): asserts value is (...args: any[]) => unknown {
  if (typeof value !== "function") {
    throw new ConfigError("INVALID_CONFIG", `${field} must be a function, received ${describeArgument(value)}`, field);
  }
}

/** What a wrong argument is, for messages: `a function`, `undefined`, `the string "abc"`, `an object`. */
export function describeArgument(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `the ${typeof value} ${String(value)}`;
}

/**
 * Throws `ConfigError{INVALID_CONFIG}` naming `field` unless `value` is an array. When a name was
 * taken from a leading string, the message says so: `map("abc", fn)` reads "abc" as the name.
 */
export function requireArray(value: unknown, field: string, method: string, name: string | undefined): asserts value is unknown[] {
  if (Array.isArray(value)) return;
  const hint =
    name === undefined
      ? ""
      : ` (the first argument ${JSON.stringify(name)} was read as the ${method}'s name: call ${method}(name, ${field}, …) or ${method}(${field}, …))`;
  throw new ConfigError("INVALID_CONFIG", `${method} ${field} must be an array, received ${describeArgument(value)}${hint}`, field);
}

/**
 * `wait("5s")`: a lone string is the operation's name, so the duration is missing. Says so instead
 * of reporting a duration of `undefined`.
 */
export function missingWaitDuration(name: string): ConfigError {
  return new ConfigError(
    "INVALID_DURATION",
    `wait received only the string ${JSON.stringify(name)}, which is read as the operation's name, so the duration is missing; ` +
      `expected a Duration object, e.g. wait({ seconds: 5 }) or wait(${JSON.stringify(name)}, { seconds: 5 }) (days, hours, minutes and/or seconds)`,
    "wait duration",
  );
}
