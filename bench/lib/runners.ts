/**
 * Local test runners, behind one shape: each SDK's own runner (figures 1 and 6) and our runner on an
 * instrumented InMemoryBackend driving either SDK's handler (figures 2–4).
 */
import type { InMemoryBackend } from "@durable-ts/testing";
import { now, sleep } from "./clock.js";
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

/** What crossed the wire between the SDK and our backend during one run. */
export interface WireStats {
  checkpointCalls: number;
  /** UTF-8 bytes of the JSON request bodies (ARN, token, client token, updates). */
  checkpointBytes: number;
  updates: number;
  stateCalls: number;
  /** Synchronous time spent inside the backend's checkpoint and state handlers. */
  backendMs: number;
}

export interface InstrumentedRun {
  outcome: RunOutcome;
  wallMs: number;
  wire: WireStats;
}

/**
 * Runs `handler` once on our LocalDurableTestRunner (time skipping on), timing the run and the
 * backend's share of it. `latencyMs` delays every checkpoint call by that much real time before the
 * backend handles it (a simulated service round trip).
 */
export async function runOnOurBackend(handler: LambdaHandler, options: { latencyMs?: number } = {}): Promise<InstrumentedRun> {
  const { LocalDurableTestRunner } = await import("@durable-ts/testing");
  const runner = new LocalDurableTestRunner({ handlerFunction: handler as never, skipTime: true });
  const timing = instrumentBackend(runner.backend, options.latencyMs ?? 0);
  const started = now();
  const result = await runner.run({ payload: {} });
  const wallMs = now() - started;
  const [executionArn] = runner.backend.listExecutionArns();
  return { outcome: outcome(result), wallMs, wire: wireStats(runner.backend, executionArn, timing) };
}

interface BackendTiming {
  backendMs: number;
  stateCalls: number;
}

/** Wraps the backend's two SDK-facing calls: adds latency, measures their synchronous cost. */
function instrumentBackend(backend: InMemoryBackend, latencyMs: number): BackendTiming {
  const timing: BackendTiming = { backendMs: 0, stateCalls: 0 };
  const checkpoint = backend.checkpointDurableExecution.bind(backend);
  const getState = backend.getDurableExecutionState.bind(backend);
  backend.checkpointDurableExecution = async (input) => {
    if (latencyMs > 0) await sleep(latencyMs);
    const started = now();
    const answer = checkpoint(input);
    timing.backendMs += now() - started;
    return answer;
  };
  backend.getDurableExecutionState = async (input) => {
    timing.stateCalls += 1;
    const started = now();
    const answer = getState(input);
    timing.backendMs += now() - started;
    return answer;
  };
  return timing;
}

/** Calls and bytes from the backend's own request log (computed after the timed run). */
function wireStats(backend: InMemoryBackend, executionArn: string, timing: BackendTiming): WireStats {
  const calls = backend.checkpointCalls(executionArn);
  let bytes = 0;
  let updates = 0;
  for (const call of calls) {
    updates += call.updates.length;
    const body = { DurableExecutionArn: executionArn, CheckpointToken: call.checkpointToken, ClientToken: call.clientToken, Updates: call.updates };
    bytes += Buffer.byteLength(JSON.stringify(body), "utf8");
  }
  return { checkpointCalls: calls.length, checkpointBytes: bytes, updates, stateCalls: timing.stateCalls, backendMs: timing.backendMs };
}

/** Throws unless the run succeeded with the expected answer: a wrong run must not become a figure. */
export function assertSucceeded(run: RunOutcome, expected: unknown, what: string): void {
  if (run.status !== "SUCCEEDED" || run.result !== expected) {
    throw new Error(`${what}: expected SUCCEEDED with ${JSON.stringify(expected)}, got ${run.status} ${JSON.stringify(run.result ?? run.error)}`);
  }
}
