/** Records the backend keeps per execution, and the public shapes built from them. */
import type {
  CheckpointDurableExecutionCommandOutput,
  ErrorObject,
  Event,
  ExecutionStatus,
  Operation,
  OperationUpdate,
} from "@aws-sdk/client-lambda";
import type { TimerHandle } from "../clock/index.js";

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
  readonly executionTimeoutSeconds: number;
  readonly startTimestamp: Date;
  status: ExecutionStatus;
  endTimestamp?: Date;
  result?: string;
  error?: ErrorObject;
  /** Payload of an EXECUTION SUCCEED update, if one was checkpointed. */
  executionSucceedPayload?: string;
  /** Every operation by Id, in start order (Map insertion order); EXECUTION first. */
  readonly ops: Map<string, Operation>;
  readonly invocations: Invocation[];
  open?: Invocation;
  /** The one valid checkpoint token; absent between invocations and once terminal. */
  token?: string;
  tokenSeq: number;
  /** Some operation became ready (a timer fired) since the last invocation began. */
  becameReady: boolean;
  /** Ids changed since the last response to the open invocation (event or checkpoint). */
  readonly delta: Set<string>;
  /** Operation timers (wait end, retry) by operation Id. */
  readonly timers: Map<string, TimerHandle>;
  timeoutTimer?: TimerHandle;
  readonly checkpointLog: CheckpointCall[];
  /** First response per `ClientToken\u0000CheckpointToken`. */
  readonly clientTokens: Map<string, { response: CheckpointDurableExecutionCommandOutput; atMs: number }>;
  /** Page cursors: marker → a snapshot and the offset of the next page. Cleared when the invocation ends. */
  readonly cursors: Map<string, { items: Operation[]; offset: number }>;
  readonly history: Event[];
}

/** A deep copy that keeps `Date`s (state handed out must never alias stored state). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** True once the execution reached SUCCEEDED, FAILED, TIMED_OUT or STOPPED. */
export function isTerminal(exec: ExecutionRecord): boolean {
  return exec.status !== "RUNNING";
}
