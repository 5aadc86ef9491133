/** Each SDK's own local test runner behind one shape (figures 1 and 6). */
import type { LambdaHandler, SdkId } from "./sdks.js";

export interface RunOutcome {
  status: string;
  result: unknown;
  error?: unknown;
}

export interface BenchRunner {
  run(): Promise<RunOutcome>;
}

/** A test kit: builds a runner per run (as a test suite builds one per test) and tears down once. */
export interface RunnerKit {
  create(handler: LambdaHandler): BenchRunner;
  teardown(): Promise<void>;
}

/**
 * The SDK's own local runner with time skipping on: ours (virtual clock per runner) or the official
 * kit (`setupTestEnvironment({ skipTime: true })`, which installs global fake timers).
 */
export async function ownRunnerKit(sdk: SdkId): Promise<RunnerKit> {
  if (sdk === "ours") {
    const { LocalDurableTestRunner } = await import("@durable-ts/testing");
    return {
      create: (handler) => {
        const runner = new LocalDurableTestRunner({ handlerFunction: handler as never, skipTime: true });
        return { run: async () => outcome(await runner.run({ payload: {} })) };
      },
      teardown: async () => undefined,
    };
  }
  const { LocalDurableTestRunner } = await import("@aws/durable-execution-sdk-js-testing");
  await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
  return {
    create: (handler) => {
      const runner = new LocalDurableTestRunner({ handlerFunction: handler as never });
      return { run: async () => outcome(await runner.run({ payload: {} })) };
    },
    teardown: () => LocalDurableTestRunner.teardownTestEnvironment(),
  };
}

function outcome(result: { getStatus(): unknown; getResult(): unknown; getError?(): unknown }): RunOutcome {
  const status = String(result.getStatus());
  return status === "SUCCEEDED" ? { status, result: result.getResult() } : { status, result: undefined, error: result.getError?.() };
}

/** Throws unless the run succeeded with the expected answer: a wrong run must not become a figure. */
export function assertSucceeded(run: RunOutcome, expected: unknown, what: string): void {
  if (run.status !== "SUCCEEDED" || run.result !== expected) {
    throw new Error(`${what}: expected SUCCEEDED with ${JSON.stringify(expected)}, got ${run.status} ${JSON.stringify(run.result ?? run.error)}`);
  }
}
