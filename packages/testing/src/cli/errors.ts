/** Errors the CLI reports as a message and an exit code (1: the command failed, 2: bad usage). */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2 = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Bad usage: unknown command or option, missing argument, unparseable JSON argument. Exit code 2. */
export function usageError(message: string): CliError {
  return new CliError(message, 2);
}

/** Parses a JSON argument; the message names the option and the parser's complaint. */
export function parseJsonArgument(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw usageError(`${what} is not valid JSON (${error instanceof Error ? error.message : String(error)}): ${text}`);
  }
}
