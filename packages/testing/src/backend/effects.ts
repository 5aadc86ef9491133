/**
 * What each accepted update does to the stored operation, and what the service's timers do
 * (protocol §4, §10). Effects run after the whole batch was validated; they see the operation as
 * left by earlier updates of the same batch (e.g. START then SUCCEED).
 */
import type { ErrorObject, EventType, Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import type { ChainedInvokeStartedEvent } from "./events.js";
import { eventError, eventResult } from "./history.js";
import type { ExecutionRecord, TimerKind } from "./model.js";

/** The environment an effect may touch. */
export interface EffectContext {
  readonly exec: ExecutionRecord;
  /** The virtual time, as a Date shared by the records stamped at that instant: store it, never change it. */
  now(): Date;
  /** Stores `op` as a whole new object under its Id and marks it changed (delta). */
  put(op: Operation): void;
  /** Appends a history event about `op`. */
  emit(eventType: EventType, op: Operation, details: object): void;
  /** (Re)arms the operation's timer of that kind; the fire runs as one notification batch. */
  scheduleTimer(opId: string, kind: TimerKind, atMs: number, fire: () => void): void;
  /** Cancels the operation's timer of that kind, or all its timers. */
  cancelTimer(opId: string, kind?: TimerKind): void;
  /** Records that an operation became ready without an invocation (a timer fired). */
  markReady(): void;
  /** Ends the execution from an EXECUTION SUCCEED / FAIL update. */
  finishExecution(status: "SUCCEEDED" | "FAILED", outcome: { result?: string; error?: ErrorObject }): void;
  /** Issues a CallbackId (unique across the backend) for the operation and indexes it. */
  registerCallback(opId: string): string;
  /** Queues the event that tells the driver to run a chained invoke's target. */
  announceChainedInvoke(e: Omit<ChainedInvokeStartedEvent, "executionArn">): void;
}

/** An effect of one accepted update; `stored` is the operation's current state, if any. */
export type Effect = (ctx: EffectContext, u: OperationUpdate, stored: Operation | undefined) => void;

/** A new operation from the fields of its first update. */
export function create(ctx: EffectContext, u: OperationUpdate, status: Operation["Status"]): Operation {
  const op: Operation = { Id: u.Id, Type: u.Type, StartTimestamp: ctx.now(), Status: status };
  if (u.ParentId !== undefined) op.ParentId = u.ParentId;
  if (u.Name !== undefined) op.Name = u.Name;
  if (u.SubType !== undefined) op.SubType = u.SubType;
  return op;
}

function base(ctx: EffectContext, u: OperationUpdate, stored: Operation | undefined, status: Operation["Status"]): Operation {
  return stored ? { ...stored, Status: status } : create(ctx, u, status);
}

export function setOrDelete<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

// ---- STEP ----

export const stepStart: Effect = (ctx, u, stored) => {
  const op = base(ctx, u, stored, "STARTED");
  op.StepDetails = { ...stored?.StepDetails };
  delete op.StepDetails.NextAttemptTimestamp;
  ctx.put(op);
  ctx.emit("StepStarted", op, {});
};

function finishStep(ctx: EffectContext, u: OperationUpdate, stored: Operation | undefined, status: "SUCCEEDED" | "FAILED"): void {
  const op = base(ctx, u, stored, status);
  const attempt = (stored?.StepDetails?.Attempt ?? 0) + 1;
  op.EndTimestamp = ctx.now();
  op.StepDetails = { Attempt: attempt };
  if (status === "SUCCEEDED") setOrDelete(op.StepDetails, "Result", u.Payload);
  else setOrDelete(op.StepDetails, "Error", u.Error);
  ctx.cancelTimer(op.Id!);
  ctx.put(op);
  if (status === "SUCCEEDED") {
    ctx.emit("StepSucceeded", op, { Result: eventResult(u.Payload), RetryDetails: { CurrentAttempt: attempt } });
  } else {
    ctx.emit("StepFailed", op, { Error: eventError(u.Error), RetryDetails: { CurrentAttempt: attempt } });
  }
}

export const stepSucceed: Effect = (ctx, u, stored) => finishStep(ctx, u, stored, "SUCCEEDED");
export const stepFail: Effect = (ctx, u, stored) => finishStep(ctx, u, stored, "FAILED");

export const stepRetry: Effect = (ctx, u, stored) => {
  const op = base(ctx, u, stored, "PENDING");
  const attempt = (stored?.StepDetails?.Attempt ?? 0) + 1;
  const delaySeconds = u.StepOptions!.NextAttemptDelaySeconds!;
  const dueMs = ctx.now().getTime() + delaySeconds * 1000;
  op.StepDetails = { ...stored?.StepDetails, Attempt: attempt, NextAttemptTimestamp: new Date(dueMs) };
  setOrDelete(op.StepDetails, "Result", u.Payload);
  // The last error stays visible until a new one replaces it.
  if (u.Error !== undefined) op.StepDetails.Error = u.Error;
  ctx.put(op);
  const retryDetails = { CurrentAttempt: attempt, NextAttemptDelaySeconds: delaySeconds };
  if (u.Error !== undefined) ctx.emit("StepFailed", op, { Error: eventError(u.Error), RetryDetails: retryDetails });
  else ctx.emit("StepSucceeded", op, { Result: eventResult(u.Payload), RetryDetails: retryDetails });
  const id = op.Id!;
  ctx.scheduleTimer(id, "retry", dueMs, () => retryDue(ctx, id));
};

/** Service: the retry delay elapsed, PENDING → READY. */
export function retryDue(ctx: EffectContext, id: string): void {
  ctx.cancelTimer(id);
  const stored = ctx.exec.ops.get(id);
  if (!stored || stored.Status !== "PENDING") return;
  const op: Operation = { ...stored, Status: "READY", StepDetails: { ...stored.StepDetails } };
  delete op.StepDetails!.NextAttemptTimestamp;
  ctx.put(op);
  ctx.markReady();
}

// ---- WAIT ----

export const waitStart: Effect = (ctx, u) => {
  const op = create(ctx, u, "STARTED");
  const seconds = u.WaitOptions!.WaitSeconds!;
  const endMs = op.StartTimestamp!.getTime() + seconds * 1000;
  op.WaitDetails = { ScheduledEndTimestamp: new Date(endMs) };
  ctx.put(op);
  ctx.emit("WaitStarted", op, { Duration: seconds, ScheduledEndTimestamp: new Date(endMs) });
  const id = op.Id!;
  ctx.scheduleTimer(id, "wait", endMs, () => waitElapsed(ctx, id));
};

/** Service: the wait reached its ScheduledEndTimestamp, STARTED → SUCCEEDED. */
export function waitElapsed(ctx: EffectContext, id: string): void {
  ctx.cancelTimer(id);
  const stored = ctx.exec.ops.get(id);
  if (!stored || stored.Status !== "STARTED") return;
  const op: Operation = { ...stored, Status: "SUCCEEDED", EndTimestamp: ctx.now() };
  ctx.put(op);
  const seconds = Math.round((op.WaitDetails!.ScheduledEndTimestamp!.getTime() - op.StartTimestamp!.getTime()) / 1000);
  ctx.emit("WaitSucceeded", op, { Duration: seconds });
  ctx.markReady();
}

export const waitCancel: Effect = (ctx, u, stored) => {
  const op: Operation = { ...stored!, Status: "CANCELLED", EndTimestamp: ctx.now() };
  ctx.cancelTimer(op.Id!);
  ctx.put(op);
  ctx.emit("WaitCancelled", op, u.Error === undefined ? {} : { Error: eventError(u.Error) });
};

// ---- CONTEXT ----

export const contextStart: Effect = (ctx, u) => {
  const op = create(ctx, u, "STARTED");
  op.ContextDetails = {};
  if (u.ContextOptions?.ReplayChildren !== undefined) op.ContextDetails.ReplayChildren = u.ContextOptions.ReplayChildren;
  ctx.put(op);
  ctx.emit("ContextStarted", op, {});
};

function finishContext(ctx: EffectContext, u: OperationUpdate, stored: Operation | undefined, status: "SUCCEEDED" | "FAILED"): void {
  const op = base(ctx, u, stored, status);
  op.EndTimestamp = ctx.now();
  op.ContextDetails = {};
  const replay = u.ContextOptions?.ReplayChildren ?? stored?.ContextDetails?.ReplayChildren;
  if (replay !== undefined) op.ContextDetails.ReplayChildren = replay;
  if (status === "SUCCEEDED") setOrDelete(op.ContextDetails, "Result", u.Payload);
  else setOrDelete(op.ContextDetails, "Error", u.Error);
  ctx.put(op);
  if (status === "SUCCEEDED") ctx.emit("ContextSucceeded", op, { Result: eventResult(u.Payload) });
  else ctx.emit("ContextFailed", op, { Error: eventError(u.Error) });
}

export const contextSucceed: Effect = (ctx, u, stored) => finishContext(ctx, u, stored, "SUCCEEDED");
export const contextFail: Effect = (ctx, u, stored) => finishContext(ctx, u, stored, "FAILED");

// ---- EXECUTION ----

export const executionSucceed: Effect = (ctx, u) => {
  ctx.exec.executionSucceedPayload = u.Payload;
  ctx.finishExecution("SUCCEEDED", { result: u.Payload });
};

export const executionFail: Effect = (ctx, u) => {
  ctx.finishExecution("FAILED", { error: u.Error ?? {} });
};
