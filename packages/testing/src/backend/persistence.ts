/**
 * The seam between the backend and a store that outlives the process (`durable-ts serve --data`).
 * The backend stays in memory; after each applied change it hands the touched executions to
 * {@link BackendPersistence.save}, and at construction it rebuilds the saved ones, re-arming
 * their service timers. What dies with the process: open invocations (ended as failed and
 * re-invoked), the driver's retry timers (a failed invocation is re-invoked at once),
 * ClientToken de-duplication and checkpoint tokens (a new invocation gets a new token).
 */
import type { ErrorObject, Event, ExecutionStatus, Operation } from "@aws-sdk/client-lambda";
import { callbackHeartbeatTimeoutError, callbackTimeoutError, timeOut } from "./callbacks.js";
import type { BackendCore } from "./core.js";
import { retryDue, waitElapsed } from "./effects.js";
import type { ExecutionChanges } from "./events.js";
import { endInvocation } from "./invocations.js";
import type { InvocationType } from "./limits.js";
import { armExecutionTimeout, effectContext } from "./lifecycle.js";
import type { ExecutionRecord, Invocation, TimerKind } from "./model.js";

/** A service timer of an operation, as saved. */
export interface SavedTimer {
  kind: TimerKind;
  opId: string;
  atMs: number;
}

/** The scalar state of an execution, as saved (operations, history, invocations and callbacks go apart). */
export interface SavedExecutionState {
  arn: string;
  id: string;
  name: string;
  functionName: string;
  input?: string;
  /** Absent: no execution timeout. */
  executionTimeoutSeconds?: number | undefined;
  invocationType: InvocationType;
  startTimestamp: Date;
  status: ExecutionStatus;
  endTimestamp?: Date;
  result?: string;
  error?: ErrorObject;
  executionSucceedPayload?: string;
  becameReady: boolean;
  tokenSeq: number;
  timers: SavedTimer[];
}

/** A saved CallbackId and the timeouts its START asked for. */
export interface SavedCallback {
  callbackId: string;
  operationId: string;
  timeoutSeconds: number;
  heartbeatTimeoutSeconds: number;
}

/** A whole saved execution, as {@link BackendPersistence.load} returns it. */
export interface SavedExecution {
  state: SavedExecutionState;
  /** In start order, EXECUTION first. */
  operations: Operation[];
  invocations: Invocation[];
  /** EventId order. */
  history: Event[];
  callbacks: SavedCallback[];
}

/** Where a backend keeps its executions beyond the process (`InMemoryBackendOptions.persistence`). */
export interface BackendPersistence {
  /** The saved executions (creation order) and the clock's last instant, read once when the backend is built. */
  load(): { executions: SavedExecution[]; clockMs?: number };
  /**
   * Saves what one applied change did to each execution, atomically, before the call that made it
   * returns. Throwing fails that call (the change stays in memory but is not saved).
   */
  save(changes: ReadonlyMap<string, ExecutionChanges>, read: (arn: string) => ExecutionRecord, clockMs: number): void;
}

/** The scalar state of a record, for saving. */
export function savedState(exec: ExecutionRecord): SavedExecutionState {
  const state: SavedExecutionState = {
    arn: exec.arn,
    id: exec.id,
    name: exec.name,
    functionName: exec.functionName,
    executionTimeoutSeconds: exec.executionTimeoutSeconds,
    invocationType: exec.invocationType,
    startTimestamp: exec.startTimestamp,
    status: exec.status,
    becameReady: exec.becameReady,
    tokenSeq: exec.tokenSeq,
    timers: [],
  };
  if (exec.input !== undefined) state.input = exec.input;
  if (exec.endTimestamp !== undefined) state.endTimestamp = exec.endTimestamp;
  if (exec.result !== undefined) state.result = exec.result;
  if (exec.error !== undefined) state.error = exec.error;
  if (exec.executionSucceedPayload !== undefined) state.executionSucceedPayload = exec.executionSucceedPayload;
  // Driver timers (no opId) belong to the process that set them; service timers are the execution's.
  for (const timer of exec.timers.values()) if (timer.opId !== undefined) state.timers.push({ kind: timer.kind, opId: timer.opId, atMs: timer.handle.atMs });
  return state;
}

/** The callback a CALLBACK operation holds, for saving (undefined for other operations). */
export function savedCallback(exec: ExecutionRecord, op: Operation): SavedCallback | undefined {
  const callbackId = op.Type === "CALLBACK" ? op.CallbackDetails?.CallbackId : undefined;
  if (callbackId === undefined) return undefined;
  const timeouts = exec.callbackTimeouts.get(op.Id!) ?? { timeoutSeconds: 0, heartbeatTimeoutSeconds: 0 };
  return { callbackId, operationId: op.Id!, ...timeouts };
}

/** The message an invocation open at a restart ends with. */
export const RESTART_MESSAGE = "The local server stopped while this invocation ran";

/**
 * Rebuilds a saved execution in `core`: record, callbacks, service timers and execution timeout.
 * An invocation open when the process died ends failed, and an execution whose last invocation
 * failed (its retry timer died with the process) is due for an invocation at once.
 */
export function restoreExecution(core: BackendCore, saved: SavedExecution): ExecutionRecord {
  const s = saved.state;
  const open = saved.invocations.at(-1)?.endTimestamp === undefined ? saved.invocations.at(-1) : undefined;
  const exec: ExecutionRecord = {
    arn: s.arn,
    id: s.id,
    name: s.name,
    functionName: s.functionName,
    input: s.input,
    executionTimeoutSeconds: s.executionTimeoutSeconds,
    invocationType: s.invocationType,
    startTimestamp: s.startTimestamp,
    status: s.status,
    endTimestamp: s.endTimestamp,
    result: s.result,
    error: s.error,
    executionSucceedPayload: s.executionSucceedPayload,
    ops: new Map(saved.operations.map((op) => [op.Id!, op])),
    order: saved.operations.map((op) => op.Id!),
    invocations: saved.invocations,
    open,
    tokenSeq: s.tokenSeq,
    becameReady: s.becameReady,
    delta: new Set(),
    timers: new Map(),
    callbackTimeouts: new Map(saved.callbacks.map((c) => [c.operationId, { timeoutSeconds: c.timeoutSeconds, heartbeatTimeoutSeconds: c.heartbeatTimeoutSeconds }])),
    checkpointLog: [],
    clientTokens: new Map(),
    cursors: new Map(),
    history: saved.history,
  };
  core.store.restore(exec);
  for (const c of saved.callbacks) core.callbacks.set(c.callbackId, { executionArn: exec.arn, operationId: c.operationId });
  if (exec.status !== "RUNNING") return exec;

  const ctx = effectContext(core, exec);
  for (const timer of s.timers) {
    const fire = serviceTimerFire(core, exec, timer);
    if (fire) ctx.scheduleTimer(timer.opId, timer.kind, timer.atMs, fire);
  }
  armExecutionTimeout(core, exec);
  if (open) {
    const error = Object.assign(new Error(RESTART_MESSAGE), { name: "Runtime.Shutdown" });
    error.stack = "";
    endInvocation(core, exec.arn, open.requestId, { thrown: error });
  }
  if (exec.status === "RUNNING" && exec.invocations.at(-1)?.status === "THROWN") exec.becameReady = true;
  return exec;
}

/** What a saved service timer does when it fires (the same effect as when it was first armed). */
function serviceTimerFire(core: BackendCore, exec: ExecutionRecord, timer: SavedTimer): (() => void) | undefined {
  const ctx = effectContext(core, exec);
  const timeouts = exec.callbackTimeouts.get(timer.opId);
  switch (timer.kind) {
    case "wait":
      return () => waitElapsed(ctx, timer.opId);
    case "retry":
      return () => retryDue(ctx, timer.opId);
    case "callback-timeout":
      return () => timeOut(ctx, timer.opId, callbackTimeoutError(timeouts?.timeoutSeconds ?? 0));
    case "callback-heartbeat":
      return () => timeOut(ctx, timer.opId, callbackHeartbeatTimeoutError(timeouts?.heartbeatTimeoutSeconds ?? 0));
    default:
      return undefined;
  }
}
