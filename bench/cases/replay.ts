/**
 * Figure 5 (child process, one per SDK): cost of an invocation that only replays history. On our
 * backend, invocation 1 runs N steps and suspends on a 1 s wait; after the clock passes it,
 * invocation 2 replays and suspends on a 1-day wait; every later invocation replays N completed
 * steps and both waits, checkpoints nothing and suspends. Only those later invocations are timed
 * (from the handler call to its answer, state paging included; the backend's share is recorded).
 */
import { childArgs, reportAndExit } from "../lib/child-io.js";
import { invoke, startExecution, type Execution, type Invocation } from "../lib/drive.js";
import { ProfileRecorder } from "../lib/inspector-profile.js";
import { loadSdk, parseSdkId, type LambdaHandler } from "../lib/sdks.js";
import { replayHistory } from "../lib/workloads.js";

export interface ReplayArgs {
  sdk: string;
  sizes: number[];
  runs: number;
  /** Profile the handler calls of the replay-only invocations into this file. */
  profilePath?: string;
}

export interface ReplayResult {
  /** Per size: wall time of each replay-only invocation. */
  replayMs: Record<string, number[]>;
  /** Per size: time spent inside the backend (state paging) during each of them. */
  backendMs: Record<string, number[]>;
  /** Per size: the first invocation, which ran the N steps (informational). */
  buildMs: Record<string, number>;
}

const args = childArgs<ReplayArgs>();
const sdk = await loadSdk(parseSdkId(args.sdk));

async function invokePending(execution: Execution, handler: LambdaHandler, what: string, profile?: ProfileRecorder): Promise<Invocation> {
  const run = await invoke(execution, handler, { profile });
  if (run.answer.Status !== "PENDING") throw new Error(`${sdk.id} replay ${what}: expected PENDING, got ${JSON.stringify(run.answer)}`);
  return run;
}

const result: ReplayResult = { replayMs: {}, backendMs: {}, buildMs: {} };
const profile = await ProfileRecorder.open(args.profilePath);
for (const size of args.sizes) {
  const execution = startExecution();
  const handler = sdk.wrap(replayHistory(size));
  result.buildMs[size] = (await invokePending(execution, handler, `N=${size}, first invocation`)).wallMs;
  const gate = execution.backend.nextWakeUpMs(execution.executionArn);
  if (gate === undefined) throw new Error(`${sdk.id} replay N=${size}: no wait scheduled after the first invocation`);
  await execution.backend.clock.advanceTo(gate);
  await invokePending(execution, handler, `N=${size}, second invocation`);
  const wall: number[] = (result.replayMs[size] = []);
  const backend: number[] = (result.backendMs[size] = []);
  for (let i = 0; i < args.runs; i++) {
    const replay = await invokePending(execution, handler, `N=${size}, replay ${i + 1}`, profile);
    if (replay.wire.checkpointCalls !== 0) throw new Error(`${sdk.id} replay N=${size}: a replay-only invocation checkpointed`);
    wall.push(replay.wallMs);
    backend.push(replay.wire.backendMs);
  }
}
profile?.save();
reportAndExit(result);
