/**
 * Why each invocation ended, read from the history events: it succeeded or failed the execution,
 * threw (the service invokes again), or returned PENDING while something was due later — a wait
 * until its wake-up time, a step retry after its delay, a callback, a chained invoke.
 */
import type { Event } from "@aws-sdk/client-lambda";
import { formatDuration, toMs } from "./table.js";

/** One invocation and how it ended. */
export interface InvocationEnding {
  requestId: string;
  startMs?: number;
  endMs?: number;
  durationMs?: number;
  /** `succeeded`, `failed`, `threw`, or `suspended` (PENDING). */
  outcome: "succeeded" | "failed" | "threw" | "suspended";
  /** What the execution waited on when the invocation ended (empty unless suspended). */
  waitingFor: string[];
  /** One line: `suspended: wait "overnight" until 2025-…; callback "approval"`. */
  reason: string;
}

const EXECUTION_END: Record<string, "succeeded" | "failed"> = {
  ExecutionSucceeded: "succeeded",
  ExecutionFailed: "failed",
  ExecutionTimedOut: "failed",
  ExecutionStopped: "failed",
};

/** The fields read here from an event's `<EventType>Details`: each event type carries some of them. */
interface Details {
  ScheduledEndTimestamp?: Date | number | string;
  StartTimestamp?: Date | number | string;
  EndTimestamp?: Date | number | string;
  RetryDetails?: { NextAttemptDelaySeconds?: unknown; CurrentAttempt?: unknown };
  FunctionName?: unknown;
  RequestId?: unknown;
  Error?: { Payload?: { ErrorType?: unknown; ErrorMessage?: unknown } };
}

function detailsOf(event: Event): Details {
  return ((event as Record<string, unknown>)[`${event.EventType}Details`] as Details | undefined) ?? {};
}

function quoted(name: string | undefined): string {
  return name === undefined ? "(unnamed)" : JSON.stringify(name);
}

/** Every invocation of the history, oldest first, with why it ended. */
export function invocationEndings(events: readonly Event[]): InvocationEnding[] {
  const names = new Map<string, string>();
  const pending = new Map<string, string>();
  const endings: InvocationEnding[] = [];
  let ended: "succeeded" | "failed" | undefined;
  let justCompleted: InvocationEnding | undefined;
  for (const event of events) {
    const previous = justCompleted;
    justCompleted = undefined;
    const id = event.Id ?? "";
    if (event.Name !== undefined) names.set(id, event.Name);
    const name = event.Name ?? (event.ParentId !== undefined ? names.get(event.ParentId) : undefined);
    const d = detailsOf(event);
    switch (event.EventType) {
      case "WaitStarted": {
        const at = toMs(d.ScheduledEndTimestamp);
        pending.set(id, `wait ${quoted(name)} until ${at === undefined ? "?" : new Date(at).toISOString()}`);
        break;
      }
      case "StepSucceeded":
      case "StepFailed": {
        const delay = d.RetryDetails?.NextAttemptDelaySeconds;
        if (typeof delay === "number")
          pending.set(
            id,
            `retry of step ${quoted(name)} in ${formatDuration(delay * 1000)} (attempt ${d.RetryDetails?.CurrentAttempt ?? "?"} ${event.EventType === "StepFailed" ? "failed" : "asked to retry"})`,
          );
        else pending.delete(id);
        break;
      }
      case "CallbackStarted":
        pending.set(id, `callback ${quoted(name)}`);
        break;
      case "ChainedInvokeStarted":
        pending.set(id, `invoke ${quoted(name)}${d.FunctionName ? ` of ${d.FunctionName}` : ""}`);
        break;
      case "InvocationCompleted": {
        const startMs = toMs(d.StartTimestamp);
        const endMs = toMs(d.EndTimestamp);
        let last: InvocationEnding;
        const base = { requestId: String(d.RequestId ?? ""), startMs, endMs, durationMs: startMs !== undefined && endMs !== undefined ? endMs - startMs : undefined };
        if (d.Error !== undefined) {
          const error = d.Error.Payload ?? {};
          last = { ...base, outcome: "threw", waitingFor: [], reason: `threw ${error.ErrorType ?? "Error"}: ${error.ErrorMessage ?? ""} (invoked again)` };
        } else if (ended !== undefined) {
          last = { ...base, outcome: ended, waitingFor: [], reason: ended };
        } else {
          const waitingFor = [...pending.values()];
          last = { ...base, outcome: "suspended", waitingFor, reason: waitingFor.length > 0 ? `suspended: ${waitingFor.join("; ")}` : "suspended" };
        }
        endings.push(last);
        justCompleted = last;
        break;
      }
      default: {
        const end = EXECUTION_END[event.EventType ?? ""];
        if (end !== undefined) {
          ended = end;
          // The execution ended with the invocation that just completed (its answer decided it).
          if (previous !== undefined && previous.outcome === "suspended") {
            const error = d.Error?.Payload;
            previous.outcome = end;
            previous.waitingFor = [];
            previous.reason =
              end === "succeeded"
                ? "succeeded"
                : `${event.EventType === "ExecutionFailed" ? "failed" : event.EventType}${error ? `: ${error.ErrorType ?? "Error"}: ${error.ErrorMessage ?? ""}` : ""}`;
          }
        } else if (/(Succeeded|Failed|TimedOut|Stopped|Cancelled)$/.test(event.EventType ?? "")) {
          pending.delete(id);
        } else if (event.EventType === "StepStarted") {
          pending.delete(id);
        }
      }
    }
  }
  return endings;
}
