/**
 * Rebuilds an execution's operations from its history events (protocol §10), for executions whose
 * state cannot be read any more (GetDurableExecutionState needs a live checkpoint token).
 *
 * Events do not carry everything: `ContextDetails.ReplayChildren` is not recorded, so a context
 * that stored only a summary of a large result replays from that summary; a payload the service
 * truncated (`Truncated: true`) is kept as it is.
 */
import type { ErrorObject, Event, EventError, EventResult, Operation, OperationStatus, OperationType } from "@aws-sdk/client-lambda";

const TYPE_OF_PREFIX: Record<string, OperationType> = {
  Execution: "EXECUTION",
  Context: "CONTEXT",
  Step: "STEP",
  Wait: "WAIT",
  Callback: "CALLBACK",
  ChainedInvoke: "CHAINED_INVOKE",
};

const STATUS_OF_SUFFIX: Record<string, OperationStatus> = {
  Started: "STARTED",
  Succeeded: "SUCCEEDED",
  Failed: "FAILED",
  TimedOut: "TIMED_OUT",
  Stopped: "STOPPED",
  Cancelled: "CANCELLED",
};

type Details = {
  Input?: EventResult;
  Result?: EventResult;
  Error?: EventError;
  RetryDetails?: { CurrentAttempt?: number; NextAttemptDelaySeconds?: number };
  ScheduledEndTimestamp?: Date;
  CallbackId?: string;
};

const payloadOf = (wrapper: EventResult | undefined) => wrapper?.Payload;
const errorOf = (wrapper: EventError | undefined): ErrorObject | undefined => wrapper?.Payload;

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** The operations the events describe, in start order, as the service would store them. */
export function operationsFromEvents(events: readonly Event[]): Operation[] {
  const ops = new Map<string, Operation>();
  for (const event of events) {
    const match = /^(Execution|Context|Step|Wait|Callback|ChainedInvoke)(Started|Succeeded|Failed|TimedOut|Stopped|Cancelled)$/.exec(event.EventType ?? "");
    if (!match || event.Id === undefined) continue; // InvocationCompleted, or an event type this reader does not know
    const [, prefix, suffix] = match;
    const type = TYPE_OF_PREFIX[prefix];
    const details = ((event as Record<string, unknown>)[`${event.EventType}Details`] ?? {}) as Details;
    const at = event.EventTimestamp === undefined ? undefined : new Date(event.EventTimestamp);
    let op = ops.get(event.Id);
    if (op === undefined) {
      op = { Id: event.Id, Type: type, Status: "STARTED" };
      set(op, "StartTimestamp", at);
      set(op, "ParentId", event.ParentId);
      set(op, "Name", event.Name);
      set(op, "SubType", event.SubType);
      ops.set(event.Id, op);
    }
    const status = STATUS_OF_SUFFIX[suffix];
    if (suffix !== "Started") set(op, "EndTimestamp", at);
    op.Status = status;
    switch (type) {
      case "EXECUTION":
        if (suffix === "Started") op.ExecutionDetails = payloadOf(details.Input) === undefined ? {} : { InputPayload: payloadOf(details.Input) };
        break;
      case "STEP":
        applyStep(op, suffix, details, at);
        break;
      case "WAIT":
        if (suffix === "Started") {
          op.WaitDetails = {};
          if (details.ScheduledEndTimestamp !== undefined) op.WaitDetails.ScheduledEndTimestamp = new Date(details.ScheduledEndTimestamp);
        }
        break;
      case "CONTEXT":
        op.ContextDetails = {};
        set(op.ContextDetails, "Result", payloadOf(details.Result));
        set(op.ContextDetails, "Error", errorOf(details.Error));
        break;
      case "CALLBACK":
        op.CallbackDetails = { ...op.CallbackDetails };
        set(op.CallbackDetails, "CallbackId", details.CallbackId);
        set(op.CallbackDetails, "Result", payloadOf(details.Result));
        set(op.CallbackDetails, "Error", errorOf(details.Error));
        break;
      case "CHAINED_INVOKE":
        if (suffix === "Started") break;
        op.ChainedInvokeDetails = {};
        set(op.ChainedInvokeDetails, "Result", payloadOf(details.Result));
        set(op.ChainedInvokeDetails, "Error", errorOf(details.Error));
        break;
    }
  }
  return [...ops.values()];
}

/** A step's event: a retry (NextAttemptDelaySeconds present) leaves it PENDING with the attempt counted. */
function applyStep(op: Operation, suffix: string, details: Details, at: Date | undefined): void {
  if (suffix === "Started") {
    delete op.EndTimestamp;
    op.StepDetails = { ...op.StepDetails };
    delete op.StepDetails.NextAttemptTimestamp;
    return;
  }
  const retry = details.RetryDetails;
  const attempt = retry?.CurrentAttempt ?? (op.StepDetails?.Attempt ?? 0) + 1;
  if (retry?.NextAttemptDelaySeconds !== undefined) {
    op.Status = "PENDING";
    delete op.EndTimestamp;
    op.StepDetails = { ...op.StepDetails, Attempt: attempt };
    if (at !== undefined) op.StepDetails.NextAttemptTimestamp = new Date(at.getTime() + retry.NextAttemptDelaySeconds * 1000);
    if (suffix === "Succeeded") set(op.StepDetails, "Result", payloadOf(details.Result));
    else set(op.StepDetails, "Error", errorOf(details.Error));
    return;
  }
  op.StepDetails = { Attempt: attempt };
  if (suffix === "Succeeded") set(op.StepDetails, "Result", payloadOf(details.Result));
  else set(op.StepDetails, "Error", errorOf(details.Error));
}
