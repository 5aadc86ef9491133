/** Records the backend keeps per execution, and the public shapes built from them. */
import type { CheckpointDurableExecutionCommandOutput, ErrorObject, Event, ExecutionStatus, Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import type { TimerHandle } from "../clock/index.js";
import type { InvocationType } from "./limits.js";

/** How an invocation ended: the handler's answer, or `THROWN` for a rejection or a malformed answer. */
export type InvocationStatus = "SUCCEEDED" | "FAILED" | "PENDING" | "THROWN";

/** One invocation of the handler; `endTimestamp` and `status` are absent while it runs. */
export interface Invocation {
  requestId: string;
  startTimestamp: Date;
  endTimestamp?: Date;
  status?: InvocationStatus;
  /** The thrown error, the malformed-answer reason, or the FAILED answer's Error. */
  error?: ErrorObject;
}

/** One CheckpointDurableExecution request as received, with its outcome (for tests). */
export interface CheckpointCall {
  updates: OperationUpdate[];
  clientToken?: string;
  checkpointToken?: string;
  /** The response sent, or that would have been sent for a LostResponse fault. */
  response?: CheckpointDurableExecutionCommandOutput;
  error?: unknown;
  /** True when the (ClientToken, CheckpointToken) pair was a repeat and the first response was returned. */
  replayed?: boolean;
}

/**
 * What a service timer is for. The backend schedules the first four itself; `invocation-retry`
 * is for a driver's re-invocation timer (see `InMemoryBackend.scheduleTimer`).
 */
export type TimerKind = "wait" | "retry" | "callback-timeout" | "callback-heartbeat" | "invocation-retry";

/** Every {@link TimerKind}. */
export const TIMER_KINDS: readonly TimerKind[] = ["wait", "retry", "callback-timeout", "callback-heartbeat", "invocation-retry"];

/** A pending timer of an execution; `opId` is absent for a driver's timer. */
export interface ScheduledTimer {
  readonly kind: TimerKind;
  readonly opId?: string;
  readonly handle: TimerHandle;
}

/** The key of an operation's timer of one kind in {@link ExecutionRecord.timers}. */
export function timerKey(kind: TimerKind, opId: string): string {
  return `${kind}\u0000${opId}`;
}

/** The handler's answer as passed to `endInvocation`. */
export type InvocationAnswer = { Status?: string; Result?: string; Error?: ErrorObject } | { thrown: unknown };

/** Internal state of one durable execution. */
export interface ExecutionRecord {
  readonly arn: string;
  /** Last ARN segment; also the EXECUTION operation's Id. */
  readonly id: string;
  readonly name: string;
  readonly functionName: string;
  readonly input: string | undefined;
  /** Undefined: no execution timeout. */
  readonly executionTimeoutSeconds: number | undefined;
  /** How the execution was started; an `Event` invoke lowers the result limit. */
  readonly invocationType: InvocationType;
  readonly startTimestamp: Date;
  status: ExecutionStatus;
  endTimestamp?: Date;
  result?: string;
  error?: ErrorObject;
  /** Payload of an EXECUTION SUCCEED update, if one was checkpointed. */
  executionSucceedPayload?: string;
  /** Every operation by Id, in start order (Map insertion order); EXECUTION first. */
  readonly ops: Map<string, Operation>;
  /** The operation Ids in start order (the keys of {@link ExecutionRecord.ops}, as a list that only grows). */
  readonly order: string[];
  readonly invocations: Invocation[];
  open?: Invocation;
  /** The one valid checkpoint token; absent between invocations and once terminal. */
  token?: string;
  tokenSeq: number;
  /** Some operation became ready (a timer fired) since the last invocation began. */
  becameReady: boolean;
  /** Ids changed since the last response to the open invocation (event or checkpoint). */
  readonly delta: Set<string>;
  /** Pending timers (wait end, retry, callback timeouts, driver timers) by {@link timerKey}. */
  readonly timers: Map<string, ScheduledTimer>;
  /** Each CALLBACK's timeouts in seconds as sent on START (0 = none), by operation Id. */
  readonly callbackTimeouts: Map<string, { timeoutSeconds: number; heartbeatTimeoutSeconds: number }>;
  timeoutTimer?: TimerHandle;
  readonly checkpointLog: CheckpointCall[];
  /** First response per `ClientToken\u0000CheckpointToken`. */
  readonly clientTokens: Map<string, { response: CheckpointDurableExecutionCommandOutput; atMs: number }>;
  /** Page cursors: marker → a snapshot and the offset of the next page. Cleared when the invocation ends. */
  readonly cursors: Map<string, { items: Operation[]; offset: number }>;
  readonly history: Event[];
}
