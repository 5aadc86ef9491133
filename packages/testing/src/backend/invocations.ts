/**
 * Invocations (protocol §1, §10): one at a time per execution; each gets a fresh token and the
 * pruned state, and its answer decides the execution's fate.
 */
import { randomUUID } from "node:crypto";
import type { ErrorObject, Operation } from "@aws-sdk/client-lambda";
import { copy, copyOrSame } from "./copy.js";
import type { BackendCore } from "./core.js";
import { BackendStateError, toErrorObject } from "./errors.js";
import { eventError, recordEvent } from "./history.js";
import { resultLimitBytes, resultLimitName, utf8Bytes } from "./limits.js";
import { finishExecution } from "./lifecycle.js";
import type { ExecutionRecord, Invocation, InvocationAnswer, InvocationStatus } from "./model.js";
import { dropCursors, firstPage } from "./pagination.js";
import { prune } from "./pruning.js";
import { issueToken, revokeToken } from "./tokens.js";

/** The Lambda event of a durable invocation (timestamps as `Date`, as the client returns them). */
export interface DurableInvocationEvent {
  DurableExecutionArn: string;
  CheckpointToken: string;
  InitialExecutionState: { Operations: Operation[]; NextMarker?: string };
}

/** Message of the failure when a handler answers PENDING with nothing pending. */
export const PENDING_WITHOUT_WORK = "Cannot return PENDING status with no pending operations";

/** Starts an invocation: new token (superseding all others), pruned state, first page. */
export function beginInvocation(core: BackendCore, arn: string): { requestId: string; event: DurableInvocationEvent } {
  const exec = core.store.get(arn);
  if (exec.status !== "RUNNING") throw new BackendStateError(`Execution ${arn} is ${exec.status}; it cannot be invoked`);
  if (exec.open) {
    throw new BackendStateError(`Execution ${arn} already has an open invocation (${exec.open.requestId}); end it first`);
  }
  const invocation: Invocation = { requestId: randomUUID(), startTimestamp: core.clock.now() };
  exec.invocations.push(invocation);
  exec.open = invocation;
  exec.becameReady = false;
  exec.delta.clear();
  dropCursors(exec);
  const token = issueToken(exec);
  const page = firstPage(exec, prune(exec.ops.values()), core.initialPageSize);
  const state: DurableInvocationEvent["InitialExecutionState"] = { Operations: copy(page.Operations) };
  if (page.NextMarker !== undefined) state.NextMarker = page.NextMarker;
  return {
    requestId: invocation.requestId,
    event: { DurableExecutionArn: exec.arn, CheckpointToken: token, InitialExecutionState: state },
  };
}

type Classified =
  { status: "SUCCEEDED"; result: string | undefined } | { status: "FAILED"; error: ErrorObject } | { status: "PENDING" } | { status: "THROWN"; error: ErrorObject };

function malformed(reason: string): Classified {
  return { status: "THROWN", error: { ErrorType: "InvalidHandlerResponse", ErrorMessage: `Invalid handler response: ${reason}` } };
}

function classify(core: BackendCore, exec: ExecutionRecord, answer: InvocationAnswer): Classified {
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) {
    return malformed(`expected an object, received ${answer === null ? "null" : typeof answer}`);
  }
  if ("thrown" in answer) return { status: "THROWN", error: toErrorObject(answer.thrown) };
  const { Status, Result, Error: error } = answer;
  if (Result !== undefined && typeof Result !== "string") return malformed(`Result must be a string, received ${typeof Result}`);
  switch (Status) {
    case "SUCCEEDED": {
      const bytes = Result === undefined ? 0 : utf8Bytes(Result);
      const limit = resultLimitBytes(core.limits, exec.invocationType);
      if (bytes > limit) {
        // Lambda itself rejects an oversized response: the invocation fails, the execution goes on.
        return {
          status: "THROWN",
          error: {
            ErrorType: "ResponseSizeTooLarge",
            ErrorMessage: `Response payload size (${bytes} bytes) exceeded the maximum allowed payload size (${limit} bytes) ${resultLimitName(exec.invocationType)}`,
          },
        };
      }
      return { status: "SUCCEEDED", result: Result };
    }
    case "FAILED":
      if (error !== undefined && (typeof error !== "object" || error === null)) return malformed("Error must be an ErrorObject");
      // Kept as the execution's Error: the handler's object is copied, never held.
      return { status: "FAILED", error: error === undefined ? {} : copyOrSame(error) };
    case "PENDING":
      return { status: "PENDING" };
    default:
      return malformed(`Status must be SUCCEEDED, FAILED or PENDING, received ${JSON.stringify(Status) ?? "undefined"}`);
  }
}

/**
 * True when the answer cannot come from a durable handler at all: not an object, or an object
 * without a `Status`. `durableExecution(...)` always answers `{Status, ...}`, so this is a plain
 * handler that was never wrapped.
 */
function isPlainHandlerAnswer(answer: InvocationAnswer): boolean {
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) return true;
  return !("thrown" in answer) && !("Status" in answer);
}

function describeAnswer(answer: unknown): string {
  if (answer === undefined) return "undefined";
  let text: string;
  try {
    text = JSON.stringify(answer) ?? String(answer);
  } catch {
    text = String(answer);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Message of the failure when the first invocation answers like a plain (unwrapped) handler. */
export function plainHandlerMessage(answer: unknown): string {
  return (
    `The handler answered ${describeAnswer(answer)} instead of a durable invocation status: it is not a durable handler. ` +
    "Wrap it with durableExecution(...) from @durable-ts/sdk: export const handler = durableExecution(async (event, context) => { ... })"
  );
}

/** True when some operation waits on the service (or became ready since the invocation began). */
export function hasPendingWork(exec: ExecutionRecord): boolean {
  if (exec.becameReady) return true;
  for (const op of exec.ops.values()) {
    if (op.Type === "WAIT" && op.Status === "STARTED") return true;
    if (op.Type === "STEP" && (op.Status === "PENDING" || op.Status === "READY")) return true;
    if ((op.Type === "CALLBACK" || op.Type === "CHAINED_INVOKE") && op.Status === "STARTED") return true;
  }
  return false;
}

/** Ends the open invocation with the handler's answer and applies it to the execution. */
export function endInvocation(core: BackendCore, arn: string, requestId: string, answer: InvocationAnswer): Invocation {
  const exec = core.store.get(arn);
  const invocation = exec.open;
  if (!invocation || invocation.requestId !== requestId) {
    const known = exec.invocations.some((i) => i.requestId === requestId);
    throw new BackendStateError(known ? `Invocation ${requestId} of ${arn} already ended` : `No open invocation ${requestId} for execution ${arn}`);
  }
  const now = core.clock.now();
  const outcome = classify(core, exec, answer);
  invocation.endTimestamp = now;
  invocation.status = outcome.status as InvocationStatus;
  if (outcome.status === "THROWN" || outcome.status === "FAILED") invocation.error = outcome.error;
  exec.open = undefined;
  revokeToken(exec);
  dropCursors(exec);
  recordEvent(exec, now, "InvocationCompleted", undefined, {
    StartTimestamp: invocation.startTimestamp,
    EndTimestamp: now,
    RequestId: requestId,
    ...(outcome.status === "THROWN" ? { Error: eventError(outcome.error) } : {}),
  });

  // The service ignores the answer of an execution that already ended (EXECUTION update, timeout, stop).
  if (exec.status !== "RUNNING") return invocation;
  // An unwrapped handler answers the same way every time: fail at once with the fix, not after retries.
  if (exec.invocations.length === 1 && isPlainHandlerAnswer(answer)) {
    finishExecution(core, exec, "FAILED", { error: { ErrorType: "HandlerNotDurable", ErrorMessage: plainHandlerMessage(answer) } });
    return invocation;
  }
  switch (outcome.status) {
    case "SUCCEEDED": {
      const fromUpdate = (outcome.result === undefined || outcome.result === "") && exec.executionSucceedPayload !== undefined;
      finishExecution(core, exec, "SUCCEEDED", { result: fromUpdate ? exec.executionSucceedPayload : outcome.result });
      return invocation;
    }
    case "FAILED":
      finishExecution(core, exec, "FAILED", { error: outcome.error });
      return invocation;
    case "PENDING":
      if (!hasPendingWork(exec)) {
        finishExecution(core, exec, "FAILED", {
          error: { ErrorType: "InvalidPendingStatus", ErrorMessage: PENDING_WITHOUT_WORK },
        });
      }
      return invocation;
    case "THROWN":
      return invocation; // recorded; the driver decides whether and when to re-invoke
  }
}
