/**
 * How an execution ends (answer, EXECUTION update, timeout, stop) and the environment effects run
 * in. Ending cancels every timer and revokes the token, so later checkpoints get
 * "Invalid checkpoint token".
 */
import { randomUUID } from "node:crypto";
import type { ErrorObject, Operation } from "@aws-sdk/client-lambda";
import type { TimerHandle } from "../clock/index.js";
import type { BackendCore } from "./core.js";
import type { EffectContext } from "./effects.js";
import { BackendStateError } from "./errors.js";
import { eventError, eventResult, recordEvent } from "./history.js";
import { TIMER_KINDS, timerKey, type ExecutionRecord, type TimerKind } from "./model.js";
import { newCallbackId, revokeToken } from "./tokens.js";

/** The parts of the backend that storing operations and ending executions need. */
export type LifecycleEnv = Pick<BackendCore, "clock" | "events">;

/** Terminal execution statuses. */
export type TerminalStatus = "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED";

const EXECUTION_EVENT = {
  SUCCEEDED: "ExecutionSucceeded",
  FAILED: "ExecutionFailed",
  TIMED_OUT: "ExecutionTimedOut",
  STOPPED: "ExecutionStopped",
} as const;

/** Stores a whole new operation object, marks it changed for the next checkpoint delta and notifies. */
export function putOperation(env: LifecycleEnv, exec: ExecutionRecord, op: Operation): void {
  if (!exec.ops.has(op.Id!)) exec.order.push(op.Id!);
  exec.ops.set(op.Id!, op);
  exec.delta.add(op.Id!);
  env.events.operationChanged(exec.arn, op);
}

/** Ends a running execution; a no-op when it already ended. */
export function finishExecution(env: LifecycleEnv, exec: ExecutionRecord, status: TerminalStatus, outcome: { result?: string; error?: ErrorObject }): void {
  if (exec.status !== "RUNNING") return;
  env.events.batch(() => {
    const now = env.clock.now();
    exec.status = status;
    exec.endTimestamp = now;
    if (status === "SUCCEEDED") exec.result = outcome.result;
    else exec.error = outcome.error;
    for (const timer of exec.timers.values()) timer.handle.cancel();
    exec.timers.clear();
    exec.timeoutTimer?.cancel();
    exec.timeoutTimer = undefined;
    revokeToken(exec);
    const execOp = exec.ops.get(exec.id)!;
    putOperation(env, exec, { ...execOp, Status: status, EndTimestamp: now });
    const details =
      status === "SUCCEEDED"
        ? { Result: eventResult(outcome.result) }
        : status === "TIMED_OUT" && outcome.error === undefined
          ? {}
          : { Error: eventError(outcome.error) };
    recordEvent(exec, now, EXECUTION_EVENT[status], execOp, details);
    env.events.executionChanged(exec.arn, status);
  });
}

/** Arms the execution timeout: `executionTimeoutSeconds` after start the execution is TIMED_OUT. */
export function armExecutionTimeout(env: LifecycleEnv, exec: ExecutionRecord): void {
  const seconds = exec.executionTimeoutSeconds;
  if (seconds === undefined) return;
  const atMs = exec.startTimestamp.getTime() + seconds * 1000;
  exec.timeoutTimer = env.clock.schedule(
    atMs,
    () => {
      exec.timeoutTimer = undefined;
      finishExecution(env, exec, "TIMED_OUT", {
        error: {
          ErrorType: "ExecutionTimedOut",
          ErrorMessage: executionTimedOutMessage(seconds),
        },
      });
    },
    `execution-timeout ${exec.id}`,
  );
}

/** A driver's timer on an execution (e.g. an invocation retry): counted by nextWakeUpMs, dropped when the execution ends. */
export function scheduleDriverTimer(core: BackendCore, arn: string, kind: TimerKind, atMs: number, fire: () => void): TimerHandle {
  const exec = core.store.get(arn);
  if (!TIMER_KINDS.includes(kind)) throw new TypeError(`scheduleTimer: kind must be one of ${TIMER_KINDS.join(", ")}, received ${JSON.stringify(kind)}`);
  if (exec.status !== "RUNNING") throw new BackendStateError(`Execution ${arn} is ${exec.status}; it takes no timers`);
  const key = `${kind}\u0000#${randomUUID()}`;
  const handle = core.clock.schedule(
    atMs,
    () => {
      exec.timers.delete(key);
      core.events.batch(fire);
    },
    `${exec.id} ${kind}`,
  );
  exec.timers.set(key, { kind, handle });
  return {
    atMs,
    cancel: () => {
      handle.cancel();
      exec.timers.delete(key);
    },
  };
}

/** The environment of effects for one execution. */
export function effectContext(core: BackendCore, exec: ExecutionRecord): EffectContext {
  const cancelTimer = (opId: string, kind: (typeof TIMER_KINDS)[number]) => {
    const key = timerKey(kind, opId);
    exec.timers.get(key)?.handle.cancel();
    exec.timers.delete(key);
  };
  // One Date per instant, shared by every record the request stamps (a batch of hundreds of
  // updates stamps them all at one virtual time). Stored records are never changed in place and
  // leave the backend only as copies, so sharing it is safe.
  let stamp: Date | undefined;
  let stampMs: number | undefined;
  const now = (): Date => {
    const ms = core.clock.nowMs();
    // Compared with the clock's reading, not the Date's: the virtual clock may hold fractions of a millisecond.
    if (stamp === undefined || stampMs !== ms) {
      stamp = new Date(ms);
      stampMs = ms;
    }
    return stamp;
  };
  const ctx: EffectContext = {
    exec,
    now,
    put: (op) => putOperation(core, exec, op),
    emit: (eventType, op, details) => recordEvent(exec, now(), eventType, op, details),
    scheduleTimer: (opId, kind, atMs, fire) => {
      cancelTimer(opId, kind);
      const handle = core.clock.schedule(atMs, () => core.events.batch(fire), `${exec.id}/${opId} ${kind}`);
      exec.timers.set(timerKey(kind, opId), { kind, opId, handle });
    },
    cancelTimer: (opId, kind) => {
      // Most operations never had a timer (every step and context of a map): no keys to build.
      if (exec.timers.size === 0) return;
      if (kind !== undefined) cancelTimer(opId, kind);
      else for (const k of TIMER_KINDS) cancelTimer(opId, k);
    },
    markReady: () => {
      exec.becameReady = true;
    },
    finishExecution: (status, outcome) => finishExecution(core, exec, status, outcome),
    registerCallback: (opId) => {
      let id = newCallbackId(exec, opId);
      while (core.callbacks.has(id)) id = newCallbackId(exec, opId);
      core.callbacks.set(id, { executionArn: exec.arn, operationId: opId });
      return id;
    },
    announceChainedInvoke: (e) => core.events.chainedInvokeStarted({ executionArn: exec.arn, ...e }),
  };
  return ctx;
}

/** Names the limit that ended the execution and where to change it. */
export function executionTimedOutMessage(seconds: number): string {
  return (
    `Execution timed out after ${seconds} seconds: its execution timeout (DurableConfig.ExecutionTimeout) ended it. ` +
    "Raise or remove it: LocalDurableTestRunner option executionTimeout, `durable-ts serve --execution-timeout <function>=<seconds|none>`, " +
    "InMemoryBackend executionTimeoutSeconds / setExecutionTimeout, or the function's DurableConfig on AWS"
  );
}
