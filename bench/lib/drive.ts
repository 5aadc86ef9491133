/**
 * Drives a handler of either SDK directly on our InMemoryBackend, one invocation at a time, the
 * way our runner does (the transport rides on the event, as the official testing kit carries it),
 * for figure 5, which needs to repeat one invocation on the same history. Times the handler call
 * and the time spent inside the backend during it.
 */
import { createLambdaContext, DurableExecutionInvocationInputWithClient, InMemoryBackend, type EventClient } from "@durable-ts/testing";
import { now, sleep } from "./clock.js";
import type { ProfileRecorder } from "./inspector-profile.js";
import type { LambdaHandler } from "./sdks.js";

/** What crossed the wire during one invocation, and what it cost the backend. */
export interface WireStats {
  checkpointCalls: number;
  /** UTF-8 bytes of the JSON checkpoint requests (ARN, checkpoint token, client token, updates). */
  checkpointBytes: number;
  updates: number;
  stateCalls: number;
  /** Synchronous time spent inside the backend's checkpoint and state handlers (latency excluded). */
  backendMs: number;
}

export interface Invocation {
  answer: { Status: string; Result?: string; Error?: unknown };
  /** From the handler call to its answer. */
  wallMs: number;
  wire: WireStats;
}

export interface Execution {
  backend: InMemoryBackend;
  executionArn: string;
}

export function startExecution(input: unknown = {}): Execution {
  const backend = new InMemoryBackend({ skipTime: true });
  const { executionArn } = backend.startExecution({ functionName: "bench", input: JSON.stringify(input) });
  return { backend, executionArn };
}

/**
 * One invocation of `handler` on the execution. `latencyMs` delays every checkpoint call by that
 * much real time before the backend handles it (a simulated service round trip); `profile`
 * samples the handler call only.
 */
export async function invoke(execution: Execution, handler: LambdaHandler, options: { latencyMs?: number; profile?: ProfileRecorder } = {}): Promise<Invocation> {
  const { backend, executionArn } = execution;
  const latencyMs = options.latencyMs ?? 0;
  const calls = { state: 0, backendMs: 0 };
  const timed =
    <I, O>(call: (input: I) => Promise<O>) =>
    (input: I): Promise<O> => {
      const started = now();
      const answer = call(input);
      calls.backendMs += now() - started;
      return answer;
    };
  const checkpoint = timed((input: Parameters<EventClient["checkpoint"]>[0]) => backend.checkpointDurableExecution(input));
  const getState = timed((input: Parameters<EventClient["getExecutionState"]>[0]) => backend.getDurableExecutionState(input));
  const client: EventClient = {
    checkpoint: async (input) => {
      if (latencyMs > 0) await sleep(latencyMs);
      return checkpoint(input);
    },
    getExecutionState: (input) => {
      calls.state += 1;
      return getState(input);
    },
    now: () => backend.clock.nowMs(),
  };
  const callsBefore = backend.checkpointCalls(executionArn).length;
  const { requestId, event } = backend.beginInvocation(executionArn);
  const lambdaContext = createLambdaContext("bench", 15 * 60_000, { awsRequestId: requestId });
  const call = async () => {
    const started = now();
    const answer = (await handler(new DurableExecutionInvocationInputWithClient(event, client), lambdaContext)) as Invocation["answer"];
    return { answer, wallMs: now() - started };
  };
  const { answer, wallMs } = options.profile ? await options.profile.record(call) : await call();
  backend.endInvocation(executionArn, requestId, answer as never);
  return { answer, wallMs, wire: wireStats(execution, callsBefore, calls) };
}

/** Calls and bytes from the backend's own request log (computed after the timed call). */
export function wireStats({ backend, executionArn }: Execution, from: number, calls: { state: number; backendMs: number }): WireStats {
  let bytes = 0;
  let updates = 0;
  const log = backend.checkpointCalls(executionArn).slice(from);
  for (const call of log) {
    updates += call.updates.length;
    const body = { DurableExecutionArn: executionArn, CheckpointToken: call.checkpointToken, ClientToken: call.clientToken, Updates: call.updates };
    bytes += Buffer.byteLength(JSON.stringify(body), "utf8");
  }
  return { checkpointCalls: log.length, checkpointBytes: bytes, updates, stateCalls: calls.state, backendMs: calls.backendMs };
}
