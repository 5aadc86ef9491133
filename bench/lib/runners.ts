/**
 * Local test runners: each SDK's own runner behind one shape (figures 1 and 6), and our runner
 * driving either SDK's handler on an instrumented InMemoryBackend (figures 2–4).
 */
import { now, sleep } from "./clock.js";
import { wireStats, type WireStats } from "./drive.js";
import type { ProfileRecorder } from "./inspector-profile.js";
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

export interface OurRunnerRun {
  outcome: RunOutcome;
  /** `runner.run()`, start to result. */
  runMs: number;
  /** The handler calls only (the runner's scheduling and result views excluded). */
  handlerMs: number;
  wire: WireStats;
}

/**
 * Runs `handler` (either SDK's) once on our `LocalDurableTestRunner`, time skipping on. The
 * backend's `checkpointDurableExecution` and `getDurableExecutionState` are wrapped: `latencyMs`
 * of real time before each checkpoint (a simulated round trip), and a stopwatch around the
 * synchronous work inside both. `profile` samples the handler calls only.
 */
export async function runOnOurRunner(handler: LambdaHandler, options: { latencyMs?: number; profile?: ProfileRecorder } = {}): Promise<OurRunnerRun> {
  const { LocalDurableTestRunner } = await import("@durable-ts/testing");
  const latencyMs = options.latencyMs ?? 0;
  let handlerMs = 0;
  const timedHandler: LambdaHandler = async (event, context) => {
    const call = async () => {
      const started = now();
      try {
        return await handler(event, context);
      } finally {
        handlerMs += now() - started;
      }
    };
    return options.profile ? options.profile.record(call) : call();
  };
  const runner = new LocalDurableTestRunner({ handlerFunction: timedHandler as never, skipTime: true });
  const backend = runner.backend;
  const timing = { state: 0, backendMs: 0 };
  const checkpoint = backend.checkpointDurableExecution.bind(backend);
  const getState = backend.getDurableExecutionState.bind(backend);
  backend.checkpointDurableExecution = async (input) => {
    if (latencyMs > 0) await sleep(latencyMs);
    const started = now();
    const answer = checkpoint(input);
    timing.backendMs += now() - started;
    return answer;
  };
  backend.getDurableExecutionState = (input) => {
    timing.state += 1;
    const started = now();
    const answer = getState(input);
    timing.backendMs += now() - started;
    return answer;
  };
  const started = now();
  const result = await runner.run({ payload: {} });
  const runMs = now() - started;
  const [executionArn] = backend.listExecutionArns();
  if (executionArn === undefined) throw new Error("runOnOurRunner: the runner started no execution");
  return { outcome: outcome(result), runMs, handlerMs, wire: wireStats({ backend, executionArn }, 0, timing) };
}

/** Throws unless the run succeeded with the expected answer: a wrong run must not become a figure. */
export function assertSucceeded(run: RunOutcome, expected: unknown, what: string): void {
  if (run.status !== "SUCCEEDED" || run.result !== expected) {
    throw new Error(`${what}: expected SUCCEEDED with ${JSON.stringify(expected)}, got ${run.status} ${JSON.stringify(run.result ?? run.error)}`);
  }
}
