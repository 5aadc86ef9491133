/**
 * CHAINED_INVOKE operations (protocol §4, §10). START makes the op STARTED and announces it; the
 * backend never runs the target itself: a driver (the scheduler) listens, runs it and reports the
 * outcome with {@link completeChainedInvoke}. CANCEL of a STARTED invoke makes it STOPPED.
 */
import type { ErrorObject, Event, Operation } from "@aws-sdk/client-lambda";
import type { BackendCore } from "./core.js";
import { create, type Effect } from "./effects.js";
import { BackendStateError } from "./errors.js";
import { eventError, eventResult } from "./history.js";
import { effectContext } from "./lifecycle.js";
import { copy } from "./copy.js";
import type { ExecutionRecord } from "./model.js";

/** How a chained invoke's target ended. */
export type ChainedInvokeOutcome = { status: "SUCCEEDED"; result?: string } | { status: "FAILED" | "TIMED_OUT" | "STOPPED"; error?: ErrorObject };

const END_EVENT = {
  SUCCEEDED: "ChainedInvokeSucceeded",
  FAILED: "ChainedInvokeFailed",
  TIMED_OUT: "ChainedInvokeTimedOut",
  STOPPED: "ChainedInvokeStopped",
} as const;

/** CHAINED_INVOKE START: STARTED; ChainedInvokeStarted event; the driver is told after the checkpoint. */
export const chainedInvokeStart: Effect = (ctx, u) => {
  const op = create(ctx, u, "STARTED");
  const { FunctionName, TenantId } = u.ChainedInvokeOptions!;
  ctx.put(op);
  const details: { FunctionName: string; TenantId?: string; Input: object } = { FunctionName: FunctionName!, Input: eventResult(u.Payload) };
  if (TenantId !== undefined) details.TenantId = TenantId;
  ctx.emit("ChainedInvokeStarted", op, details);
  const event: { operationId: string; functionName: string; payload?: string; tenantId?: string } = {
    operationId: op.Id!,
    functionName: FunctionName!,
  };
  if (u.Payload !== undefined) event.payload = u.Payload;
  if (TenantId !== undefined) event.tenantId = TenantId;
  ctx.announceChainedInvoke(event);
};

/** CHAINED_INVOKE CANCEL (from STARTED): STOPPED, with the update's Error if any. */
export const chainedInvokeCancel: Effect = (ctx, u, stored) => {
  const op: Operation = { ...stored!, Status: "STOPPED", EndTimestamp: ctx.now() };
  if (u.Error !== undefined) op.ChainedInvokeDetails = { ...stored!.ChainedInvokeDetails, Error: u.Error };
  ctx.put(op);
  ctx.emit("ChainedInvokeStopped", op, { Error: eventError(u.Error) });
};

function chainedInvokeOp(exec: ExecutionRecord, operationId: string): Operation | undefined {
  const op = exec.ops.get(operationId);
  if (op !== undefined && op.Type !== "CHAINED_INVOKE") {
    throw new BackendStateError(`Operation ${operationId} of ${exec.arn} is a ${op.Type}, not a CHAINED_INVOKE`);
  }
  return op;
}

/** Records the child execution's ARN on the op's ChainedInvokeStarted event. */
export function setChainedInvokeChild(core: BackendCore, executionArn: string, operationId: string, childArn: string): void {
  if (typeof childArn !== "string" || childArn.length === 0) throw new TypeError("childArn must be a non-empty string");
  const exec = core.store.get(executionArn);
  if (!chainedInvokeOp(exec, operationId)) {
    throw new BackendStateError(`No CHAINED_INVOKE operation ${operationId} in ${executionArn}`);
  }
  for (let i = exec.history.length - 1; i >= 0; i--) {
    const e: Event | undefined = exec.history[i];
    if (e === undefined || e.EventType !== "ChainedInvokeStarted" || e.Id !== operationId) continue;
    if (e.ChainedInvokeStartedDetails) e.ChainedInvokeStartedDetails.DurableExecutionArn = childArn;
    core.events.touch(exec.arn, { rewrittenEventId: e.EventId });
    return;
  }
}

/**
 * Ends a STARTED chained invoke with the target's outcome: status, `ChainedInvokeDetails.Result`
 * or `Error`, EndTimestamp, a history event; the parent then needs an invocation (or, with one
 * open, sees it in its next checkpoint delta). Returns false, changing nothing, when the op is not
 * STARTED (absent, cancelled, already completed) or the execution has ended.
 */
export function completeChainedInvoke(
  core: BackendCore,
  executionArn: string,
  operationId: string,
  outcome: ChainedInvokeOutcome,
  details?: { childExecutionArn?: string },
): boolean {
  const exec = core.store.get(executionArn);
  const status = outcome?.status;
  if (status !== "SUCCEEDED" && status !== "FAILED" && status !== "TIMED_OUT" && status !== "STOPPED") {
    throw new TypeError(`completeChainedInvoke: status must be SUCCEEDED, FAILED, TIMED_OUT or STOPPED, received ${JSON.stringify(status)}`);
  }
  const result = outcome.status === "SUCCEEDED" ? outcome.result : undefined;
  const error = outcome.status === "SUCCEEDED" ? undefined : outcome.error;
  if (result !== undefined && typeof result !== "string") throw new TypeError("completeChainedInvoke: result must be a string");
  if (error !== undefined && (typeof error !== "object" || error === null)) throw new TypeError("completeChainedInvoke: error must be an ErrorObject");
  const stored = chainedInvokeOp(exec, operationId);
  if (details?.childExecutionArn !== undefined && stored) setChainedInvokeChild(core, executionArn, operationId, details.childExecutionArn);
  if (!stored || stored.Status !== "STARTED" || exec.status !== "RUNNING") return false;

  core.events.batch(() => {
    const ctx = effectContext(core, exec);
    const op: Operation = { ...stored, Status: status, EndTimestamp: ctx.now(), ChainedInvokeDetails: {} };
    if (result !== undefined) op.ChainedInvokeDetails!.Result = result;
    if (error !== undefined) op.ChainedInvokeDetails!.Error = copy(error);
    ctx.put(op);
    ctx.emit(END_EVENT[status], op, status === "SUCCEEDED" ? { Result: eventResult(result) } : { Error: eventError(error) });
    ctx.markReady();
  });
  return true;
}
