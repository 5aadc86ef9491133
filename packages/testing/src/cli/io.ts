/** Where the CLI writes and what it reads from its environment; tests pass their own. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Resolves when the user asks the process to stop (SIGINT / SIGTERM); used by `serve`. */
  untilStopped(): Promise<void>;
}

/** The real process: stdout, stderr, `process.env`, the working directory and termination signals. */
export function processIO(): CliIO {
  return {
    out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
    env: process.env,
    cwd: process.cwd(),
    untilStopped: () =>
      new Promise((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      }),
  };
}
