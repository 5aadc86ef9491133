/**
 * How an execution ends (answer, EXECUTION update, timeout, stop) and the environment effects run
 * in. Ending cancels every timer and revokes the token, so later checkpoints get
 * "Invalid checkpoint token".
 */
import type { ErrorObject, Operation } from "@aws-sdk/client-lambda";
import type { VirtualClock } from "../clock/index.js";
import type { EffectContext } from "./effects.js";
import { eventError, eventResult, recordEvent } from "./history.js";
import type { ExecutionRecord } from "./model.js";
import { revokeToken } from "./tokens.js";

/** Terminal execution statuses. */
export type TerminalStatus = "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED";

const EXECUTION_EVENT = {
  SUCCEEDED: "ExecutionSucceeded",
  FAILED: "ExecutionFailed",
  TIMED_OUT: "ExecutionTimedOut",
  STOPPED: "ExecutionStopped",
} as const;

/** Stores a whole new operation object and marks it changed for the next checkpoint delta. */
export function putOperation(exec: ExecutionRecord, op: Operation): void {
  exec.ops.set(op.Id!, op);
  exec.delta.add(op.Id!);
}

/** Ends a running execution; a no-op when it already ended. */
export function finishExecution(
  clock: VirtualClock,
  exec: ExecutionRecord,
  status: TerminalStatus,
  outcome: { result?: string; error?: ErrorObject },
): void {
  if (exec.status !== "RUNNING") return;
  const now = clock.now();
  exec.status = status;
  exec.endTimestamp = now;
  if (status === "SUCCEEDED") exec.result = outcome.result;
  else exec.error = outcome.error;
  for (const timer of exec.timers.values()) timer.cancel();
  exec.timers.clear();
  exec.timeoutTimer?.cancel();
  exec.timeoutTimer = undefined;
  revokeToken(exec);
  const execOp = exec.ops.get(exec.id)!;
  putOperation(exec, { ...execOp, Status: status, EndTimestamp: now });
  const details =
    status === "SUCCEEDED"
      ? { Result: eventResult(outcome.result) }
      : status === "TIMED_OUT" && outcome.error === undefined
        ? {}
        : { Error: eventError(outcome.error) };
  recordEvent(exec, now, EXECUTION_EVENT[status], execOp, details);
}

/** Arms the execution timeout: `executionTimeoutSeconds` after start the execution is TIMED_OUT. */
export function armExecutionTimeout(clock: VirtualClock, exec: ExecutionRecord): void {
  const atMs = exec.startTimestamp.getTime() + exec.executionTimeoutSeconds * 1000;
  exec.timeoutTimer = clock.schedule(
    atMs,
    () => {
      exec.timeoutTimer = undefined;
      finishExecution(clock, exec, "TIMED_OUT", {
        error: {
          ErrorType: "ExecutionTimedOut",
          ErrorMessage: `Execution timed out after ${exec.executionTimeoutSeconds} seconds`,
        },
      });
    },
    `execution-timeout ${exec.id}`,
  );
}

/** The environment of effects for one execution. */
export function effectContext(clock: VirtualClock, exec: ExecutionRecord): EffectContext {
  const ctx: EffectContext = {
    exec,
    now: () => clock.now(),
    put: (op) => putOperation(exec, op),
    emit: (eventType, op, details) => recordEvent(exec, clock.now(), eventType, op, details),
    scheduleTimer: (opId, atMs, fire) => {
      exec.timers.get(opId)?.cancel();
      exec.timers.set(opId, clock.schedule(atMs, fire, `${exec.id}/${opId}`));
    },
    cancelTimer: (opId) => {
      exec.timers.get(opId)?.cancel();
      exec.timers.delete(opId);
    },
    markReady: () => {
      exec.becameReady = true;
    },
    finishExecution: (status, outcome) => finishExecution(clock, exec, status, outcome),
  };
  return ctx;
}
