/**
 * Rebuilds operations from a durable execution's history (protocol §10), for runners that can
 * only read the service: one `Operation` per operation Id, in start order, in the shape
 * GetDurableExecutionState would show. History carries no StackTrace (EventError) and no
 * ReplayChildren, so those stay absent.
 */
import type { ErrorObject, Event, Operation } from "@aws-sdk/client-lambda";

type Details = { Result?: { Payload?: string }; Error?: { Payload?: ErrorObject }; RetryDetails?: { CurrentAttempt?: number; NextAttemptDelaySeconds?: number } };

function detailsOf(event: Event): Details & Record<string, unknown> {
  return ((event as Record<string, unknown>)[`${event.EventType}Details`] ?? {}) as Details & Record<string, unknown>;
}

function toDate(value: unknown): Date | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value;
  const date = new Date(typeof value === "number" ? value : String(value));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const TYPE_OF_EVENT: Record<string, Operation["Type"]> = {
  Context: "CONTEXT",
  Step: "STEP",
  Wait: "WAIT",
  Callback: "CALLBACK",
  ChainedInvoke: "CHAINED_INVOKE",
};

/** Every non-EXECUTION operation the history tells of, as it stands after the last event. */
export function operationsFromHistory(events: readonly Event[]): Operation[] {
  const ops = new Map<string, Operation>();
  for (const event of events) {
    const match = /^(Context|Step|Wait|Callback|ChainedInvoke)(Started|Succeeded|Failed|TimedOut|Stopped|Cancelled)$/.exec(event.EventType ?? "");
    const [, kind, phase] = match ?? [];
    if (kind === undefined || phase === undefined || event.Id === undefined) continue;
    const at = toDate(event.EventTimestamp) ?? new Date(0);
    const details = detailsOf(event);
    let op = ops.get(event.Id);
    if (!op) {
      op = { Id: event.Id, Type: TYPE_OF_EVENT[kind], Status: "STARTED", StartTimestamp: at };
      if (event.ParentId !== undefined) op.ParentId = event.ParentId;
      if (event.Name !== undefined) op.Name = event.Name;
      if (event.SubType !== undefined) op.SubType = event.SubType;
      ops.set(event.Id, op);
    }
    apply(op, kind, phase, details, at);
  }
  return [...ops.values()];
}

function apply(op: Operation, kind: string, phase: string, details: Details & Record<string, unknown>, at: Date): void {
  const result = details.Result?.Payload;
  const error = details.Error?.Payload;
  if (phase === "Started") {
    op.Status = "STARTED";
    if (kind === "Step") {
      op.StepDetails = { ...op.StepDetails };
      delete op.StepDetails.NextAttemptTimestamp;
    }
    if (kind === "Context") op.ContextDetails = {};
    if (kind === "Wait") op.WaitDetails = { ScheduledEndTimestamp: toDate(details.ScheduledEndTimestamp) };
    if (kind === "Callback") op.CallbackDetails = { CallbackId: details.CallbackId as string };
    if (kind === "ChainedInvoke") op.ChainedInvokeDetails = {};
    return;
  }
  if (kind === "Step") {
    const retry = details.RetryDetails;
    const attempt = retry?.CurrentAttempt ?? (op.StepDetails?.Attempt ?? 0) + 1;
    if (retry?.NextAttemptDelaySeconds !== undefined) {
      // RETRY: the step waits for its next attempt.
      op.Status = "PENDING";
      op.StepDetails = { ...op.StepDetails, Attempt: attempt, NextAttemptTimestamp: new Date(at.getTime() + retry.NextAttemptDelaySeconds * 1000) };
      if (result !== undefined) op.StepDetails.Result = result;
      else delete op.StepDetails.Result;
      if (error !== undefined) op.StepDetails.Error = error;
      return;
    }
    op.Status = phase === "Succeeded" ? "SUCCEEDED" : "FAILED";
    op.EndTimestamp = at;
    op.StepDetails = { Attempt: attempt };
    if (phase === "Succeeded" && result !== undefined) op.StepDetails.Result = result;
    if (phase !== "Succeeded" && error !== undefined) op.StepDetails.Error = error;
    return;
  }
  op.EndTimestamp = at;
  op.Status = ({ Succeeded: "SUCCEEDED", Failed: "FAILED", TimedOut: "TIMED_OUT", Stopped: "STOPPED", Cancelled: "CANCELLED" } as const)[
    phase as "Succeeded" | "Failed" | "TimedOut" | "Stopped" | "Cancelled"
  ];
  const outcome: { Result?: string; Error?: ErrorObject } = {};
  if (result !== undefined) outcome.Result = result;
  if (error !== undefined) outcome.Error = error;
  if (kind === "Context") op.ContextDetails = { ...op.ContextDetails, ...outcome };
  if (kind === "Callback") op.CallbackDetails = { ...op.CallbackDetails, ...outcome };
  if (kind === "ChainedInvoke") op.ChainedInvokeDetails = { ...op.ChainedInvokeDetails, ...outcome };
}

/** The invocations the history records (InvocationCompleted events), oldest first. */
export function invocationsFromHistory(events: readonly Event[]): { requestId: string; startTimestamp: Date; endTimestamp?: Date; error?: ErrorObject }[] {
  return events
    .filter((event) => event.EventType === "InvocationCompleted")
    .map((event) => {
      const d = (event.InvocationCompletedDetails ?? {}) as { StartTimestamp?: unknown; EndTimestamp?: unknown; RequestId?: string; Error?: { Payload?: ErrorObject } };
      const invocation: { requestId: string; startTimestamp: Date; endTimestamp?: Date; error?: ErrorObject } = {
        requestId: d.RequestId ?? "",
        startTimestamp: toDate(d.StartTimestamp) ?? new Date(0),
      };
      const end = toDate(d.EndTimestamp);
      if (end) invocation.endTimestamp = end;
      if (d.Error?.Payload) invocation.error = d.Error.Payload;
      return invocation;
    });
}
