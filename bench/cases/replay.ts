/**
 * Figure 5 (child process, one per SDK): cost of an invocation that only replays history. On our
 * backend, invocation 1 runs N steps and suspends on a 1 s wait; after the clock passes it,
 * invocation 2 replays and suspends on a 1-day wait; every later invocation replays N completed
 * steps and both waits, checkpoints nothing and suspends. Only those later invocations are timed
 * (from the handler call to its answer, state paging included).
 */
import { createLambdaContext, DurableExecutionInvocationInputWithClient, InMemoryBackend } from "@durable-ts/testing";
import { childArgs, reportAndExit } from "../lib/child.js";
import { now } from "../lib/clock.js";
import { profiled } from "../lib/inspector-profile.js";
import { loadSdk, parseSdkId, type LambdaHandler } from "../lib/sdks.js";
import { replayHistory } from "../lib/workloads.js";

export interface ReplayArgs {
  sdk: string;
  sizes: number[];
  runs: number;
  /** Profile the replay-only invocations into this .cpuprofile file. */
  profilePath?: string;
}

export interface ReplayResult {
  /** Per size: wall time of each replay-only invocation. */
  replayMs: Record<string, number[]>;
  /** Per size: the first invocation, which ran the N steps (informational). */
  buildMs: Record<string, number>;
}

const args = childArgs<ReplayArgs>();
const sdk = await loadSdk(parseSdkId(args.sdk));

async function invoke(backend: InMemoryBackend, executionArn: string, handler: LambdaHandler): Promise<{ ms: number; status: string }> {
  const { requestId, event } = backend.beginInvocation(executionArn);
  const client = { ...backend.durableExecutionClient(), now: () => backend.clock.nowMs() };
  const wrapped = new DurableExecutionInvocationInputWithClient(event, client);
  const lambdaContext = createLambdaContext("bench-replay", 15 * 60_000, { awsRequestId: requestId });
  const started = now();
  const answer = (await handler(wrapped, lambdaContext)) as { Status: string };
  const ms = now() - started;
  backend.endInvocation(executionArn, requestId, answer as never);
  return { ms, status: answer.Status };
}

function expectPending(status: string, what: string): void {
  if (status !== "PENDING") throw new Error(`${sdk.id} replay ${what}: expected PENDING, got ${status}`);
}

const replayMs: Record<string, number[]> = {};
const buildMs: Record<string, number> = {};
for (const size of args.sizes) {
  const backend = new InMemoryBackend({ skipTime: true });
  const handler = sdk.wrap(replayHistory(size));
  const { executionArn } = backend.startExecution({ functionName: "bench-replay", input: "{}" });
  const build = await invoke(backend, executionArn, handler);
  expectPending(build.status, `N=${size}, first invocation`);
  buildMs[size] = build.ms;
  const gate = backend.nextWakeUpMs(executionArn);
  if (gate === undefined) throw new Error(`${sdk.id} replay N=${size}: no wait scheduled after the first invocation`);
  await backend.clock.advanceTo(gate);
  expectPending((await invoke(backend, executionArn, handler)).status, `N=${size}, second invocation`);
  const callsBefore = backend.checkpointCalls(executionArn).length;
  const samples: number[] = (replayMs[size] = []);
  await profiled(args.profilePath, async () => {
    for (let i = 0; i < args.runs; i++) {
      const replay = await invoke(backend, executionArn, handler);
      expectPending(replay.status, `N=${size}, replay ${i + 1}`);
      samples.push(replay.ms);
    }
  });
  const extraCalls = backend.checkpointCalls(executionArn).length - callsBefore;
  if (extraCalls !== 0) throw new Error(`${sdk.id} replay N=${size}: replay-only invocations checkpointed ${extraCalls} times`);
}
reportAndExit({ replayMs, buildMs } satisfies ReplayResult);
