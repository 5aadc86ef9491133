/**
 * CALLBACK operations (protocol §2, §4, §10): START issues a CallbackId; the outside world
 * completes the callback through SendDurableExecutionCallbackSuccess / Failure, keeps it alive
 * with Heartbeat, and the service times it out (TimeoutSeconds from START, HeartbeatTimeoutSeconds
 * from START and then from each heartbeat).
 */
import type {
  ErrorObject,
  Operation,
  SendDurableExecutionCallbackFailureCommandInput,
  SendDurableExecutionCallbackFailureCommandOutput,
  SendDurableExecutionCallbackHeartbeatCommandInput,
  SendDurableExecutionCallbackHeartbeatCommandOutput,
  SendDurableExecutionCallbackSuccessCommandInput,
  SendDurableExecutionCallbackSuccessCommandOutput,
} from "@aws-sdk/client-lambda";
import { okMetadata, type BackendCore } from "./core.js";
import { create, type Effect, type EffectContext } from "./effects.js";
import { callbackClosed, callbackNotFound, invalidParameter } from "./errors.js";
import { eventError, eventResult } from "./history.js";
import { MAX_CALLBACK_ID_LENGTH, MAX_CALLBACK_RESULT_BYTES } from "./limits.js";
import { effectContext } from "./lifecycle.js";
import { copy } from "./copy.js";
import type { ExecutionRecord } from "./model.js";
import { checkErrorObject } from "./validation.js";

/** `CallbackDetails.Error` of a callback whose TimeoutSeconds elapsed. */
export function callbackTimeoutError(seconds: number): ErrorObject {
  return { ErrorType: "CallbackTimeout", ErrorMessage: `Callback timed out: no result within ${seconds} seconds of its start` };
}

/** `CallbackDetails.Error` of a callback whose HeartbeatTimeoutSeconds elapsed without a heartbeat. */
export function callbackHeartbeatTimeoutError(seconds: number): ErrorObject {
  return { ErrorType: "CallbackHeartbeatTimeout", ErrorMessage: `Callback timed out: no heartbeat within ${seconds} seconds` };
}

/** SendDurableExecutionCallbackSuccess input; `Result` is the raw body, bytes or a string. */
export type SendCallbackSuccessInput = Omit<SendDurableExecutionCallbackSuccessCommandInput, "Result"> & {
  Result?: Uint8Array | string;
};

/** CALLBACK START: STARTED with a new CallbackId; arms the timeout and heartbeat timers. */
export const callbackStart: Effect = (ctx, u) => {
  const op = create(ctx, u, "STARTED");
  const id = op.Id!;
  const callbackId = ctx.registerCallback(id);
  op.CallbackDetails = { CallbackId: callbackId };
  const timeoutSeconds = u.CallbackOptions?.TimeoutSeconds ?? 0;
  const heartbeatTimeoutSeconds = u.CallbackOptions?.HeartbeatTimeoutSeconds ?? 0;
  ctx.exec.callbackTimeouts.set(id, { timeoutSeconds, heartbeatTimeoutSeconds });
  ctx.put(op);
  const details: { CallbackId: string; HeartbeatTimeout?: number; Timeout?: number } = { CallbackId: callbackId };
  if (heartbeatTimeoutSeconds > 0) details.HeartbeatTimeout = heartbeatTimeoutSeconds;
  if (timeoutSeconds > 0) details.Timeout = timeoutSeconds;
  ctx.emit("CallbackStarted", op, details);
  const startMs = op.StartTimestamp!.getTime();
  if (timeoutSeconds > 0) {
    ctx.scheduleTimer(id, "callback-timeout", startMs + timeoutSeconds * 1000, () => timeOut(ctx, id, callbackTimeoutError(timeoutSeconds)));
  }
  armHeartbeat(ctx, id, startMs);
};

/** (Re)arms the heartbeat timer `HeartbeatTimeoutSeconds` after `fromMs`, if one is configured. */
function armHeartbeat(ctx: EffectContext, id: string, fromMs: number): void {
  const seconds = ctx.exec.callbackTimeouts.get(id)?.heartbeatTimeoutSeconds ?? 0;
  if (seconds <= 0) return;
  ctx.scheduleTimer(id, "callback-heartbeat", fromMs + seconds * 1000, () => timeOut(ctx, id, callbackHeartbeatTimeoutError(seconds)));
}

/** Service: a callback timer elapsed while the callback was STARTED → TIMED_OUT. */
export function timeOut(ctx: EffectContext, id: string, error: ErrorObject): void {
  const stored = ctx.exec.ops.get(id);
  if (!stored || stored.Status !== "STARTED") return;
  close(ctx, stored, "TIMED_OUT", { Error: error });
}

/** Ends a STARTED callback, cancels its timers, records the event and asks for a re-invocation. */
function close(ctx: EffectContext, stored: Operation, status: "SUCCEEDED" | "FAILED" | "TIMED_OUT", outcome: { Result?: string; Error?: ErrorObject }): void {
  const op: Operation = { ...stored, Status: status, EndTimestamp: ctx.now(), CallbackDetails: { ...stored.CallbackDetails } };
  if (outcome.Result !== undefined) op.CallbackDetails!.Result = outcome.Result;
  if (outcome.Error !== undefined) op.CallbackDetails!.Error = outcome.Error;
  ctx.cancelTimer(op.Id!);
  ctx.put(op);
  if (status === "SUCCEEDED") ctx.emit("CallbackSucceeded", op, { Result: eventResult(outcome.Result) });
  else ctx.emit(status === "FAILED" ? "CallbackFailed" : "CallbackTimedOut", op, { Error: eventError(outcome.Error) });
  ctx.markReady();
}

function checkCallbackId(callbackId: unknown): string {
  if (typeof callbackId !== "string" || callbackId.length === 0 || callbackId.length > MAX_CALLBACK_ID_LENGTH) {
    const shown = typeof callbackId === "string" ? `${callbackId.length} characters` : (JSON.stringify(callbackId) ?? String(callbackId));
    throw invalidParameter(`CallbackId must be a string of 1-${MAX_CALLBACK_ID_LENGTH} characters, received ${shown}`);
  }
  return callbackId;
}

/**
 * The execution and STARTED operation of a callback. Throws ResourceNotFoundException (404) for an
 * unknown id and CallbackTimeoutException (400) for a closed callback or a terminal execution.
 */
function openCallback(core: BackendCore, callbackId: string): { exec: ExecutionRecord; op: Operation } {
  const ref = core.callbacks.get(callbackId);
  if (!ref) throw callbackNotFound(callbackId);
  const exec = core.store.get(ref.executionArn);
  const op = exec.ops.get(ref.operationId)!;
  const closed =
    op.Status !== "STARTED"
      ? `Callback ${callbackId} is already ${op.Status}`
      : exec.status !== "RUNNING"
        ? `Callback ${callbackId} can no longer complete: its execution is ${exec.status}`
        : undefined;
  if (closed) throw callbackClosed(closed);
  return { exec, op };
}

/** The success body as a UTF-8 string; over 1 MiB is InvalidParameterValueException. */
function decodeResult(result: unknown): string | undefined {
  if (result === undefined) return undefined;
  let bytes: Buffer;
  if (typeof result === "string") bytes = Buffer.from(result, "utf8");
  else if (result instanceof Uint8Array) bytes = Buffer.from(result.buffer, result.byteOffset, result.byteLength);
  else throw invalidParameter(`Result must be bytes (Uint8Array) or a string, received ${result === null ? "null" : typeof result}`);
  if (bytes.byteLength > MAX_CALLBACK_RESULT_BYTES) {
    throw invalidParameter(`Result is ${bytes.byteLength} bytes, over the limit of ${MAX_CALLBACK_RESULT_BYTES} bytes`);
  }
  return bytes.toString("utf8");
}

/** SendDurableExecutionCallbackSuccess: STARTED → SUCCEEDED with `CallbackDetails.Result`. */
export async function sendCallbackSuccess(core: BackendCore, input: SendCallbackSuccessInput): Promise<SendDurableExecutionCallbackSuccessCommandOutput> {
  const callbackId = checkCallbackId(input?.CallbackId);
  const result = decodeResult(input.Result);
  const { exec, op } = openCallback(core, callbackId);
  core.events.batch(() => close(effectContext(core, exec), op, "SUCCEEDED", { Result: result }));
  return { $metadata: okMetadata() };
}

/** SendDurableExecutionCallbackFailure: STARTED → FAILED with `CallbackDetails.Error` (absent Error stays absent). */
export async function sendCallbackFailure(
  core: BackendCore,
  input: SendDurableExecutionCallbackFailureCommandInput,
): Promise<SendDurableExecutionCallbackFailureCommandOutput> {
  const callbackId = checkCallbackId(input?.CallbackId);
  if (input.Error !== undefined) {
    const problem = checkErrorObject("Error", input.Error, core.limits);
    if (problem) throw invalidParameter(problem);
  }
  const { exec, op } = openCallback(core, callbackId);
  const error = input.Error === undefined ? undefined : copy(input.Error);
  core.events.batch(() => close(effectContext(core, exec), op, "FAILED", { Error: error }));
  return { $metadata: okMetadata() };
}

/** SendDurableExecutionCallbackHeartbeat: re-arms the heartbeat timeout from now (no-op without one). */
export async function sendCallbackHeartbeat(
  core: BackendCore,
  input: SendDurableExecutionCallbackHeartbeatCommandInput,
): Promise<SendDurableExecutionCallbackHeartbeatCommandOutput> {
  const callbackId = checkCallbackId(input?.CallbackId);
  const { exec, op } = openCallback(core, callbackId);
  armHeartbeat(effectContext(core, exec), op.Id!, core.clock.nowMs());
  return { $metadata: okMetadata() };
}
