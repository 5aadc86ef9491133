import type { errorToErrorObject } from "../errors/index.js";
import type { CheckpointQueue } from "../checkpoint/index.js";
import type { DurableLimits } from "../config/limits.js";
import type { OperationLog } from "../replay/operation-log.js";
import { PayloadTooLargeError } from "../errors/index.js";
import { answerBytes, failedAnswer, PENDING_ANSWER, serializeHandlerResult } from "./answer.js";
import type { EarlyStop, StopSignal } from "./stop-signal.js";
import { InvocationStatus, type DurableExecutionInvocationOutput } from "./types.js";

export type HandlerOutcome = { kind: "returned"; value: unknown } | { kind: "threw"; error: unknown };

export interface FinishDeps {
  queue: CheckpointQueue;
  stop: StopSignal;
  log: OperationLog;
  encodeError(error: unknown): ReturnType<typeof errorToErrorObject>;
  limits: DurableLimits;
}

/** The handler settled: drain the queue, then answer its outcome (or the failure the drain hit). */
export async function finishHandler(outcome: HandlerOutcome, deps: FinishDeps): Promise<DurableExecutionInvocationOutput> {
  const { queue, stop, encodeError } = deps;
  await queue.whenIdle();
  // An idle-suspension decided in the same turn the handler settled is moot: the handler's answer wins.
  const stopped = stop.stopped;
  if (stopped && !(stopped.kind === "suspend" && stopped.cause === "idle")) return answerEarlyStop(stopped, queue, encodeError);
  if (outcome.kind === "threw") return failedAnswer(encodeError(outcome.error));

  let result: string | undefined;
  try {
    result = serializeHandlerResult(outcome.value);
  } catch (error) {
    return failedAnswer(encodeError(error));
  }
  if (result === undefined) return { Status: InvocationStatus.SUCCEEDED };
  // Measured before sending: a result the execution cannot hold fails at once with a typed error,
  // not after the service rejects the answer or the checkpoint.
  const sizeBytes = Buffer.byteLength(result, "utf8");
  if (sizeBytes > deps.limits.maxResultBytes) {
    return failedAnswer(
      encodeError(
        new PayloadTooLargeError({
          operation: "handler result",
          sizeBytes,
          limitBytes: deps.limits.maxResultBytes,
          message: `The handler result is ${sizeBytes} bytes serialized, over the limit of ${deps.limits.maxResultBytes} bytes for an execution's result (limits.maxResultBytes)`,
        }),
      ),
    );
  }
  if (answerBytes(result) <= deps.limits.maxResponseBytes) return { Status: InvocationStatus.SUCCEEDED, Result: result };
  // Too large for the Lambda response: store it on the EXECUTION operation itself (its real Id).
  const executionId = deps.log.execution?.Id;
  if (executionId === undefined) return failedAnswer(encodeError(new Error("No EXECUTION operation to store the result on")));
  queue.enqueue({ Id: executionId, Type: "EXECUTION", Action: "SUCCEED", Payload: result }).catch(() => undefined);
  await queue.whenIdle();
  const late = stop.stopped;
  if (late && late.kind !== "suspend") return answerEarlyStop(late, queue, encodeError);
  return { Status: InvocationStatus.SUCCEEDED, Result: "" };
}

/** Suspension, a terminal failure, or a transient fault decided before the handler settled. */
export async function answerEarlyStop(stop: EarlyStop, queue: CheckpointQueue, encodeError: FinishDeps["encodeError"]): Promise<DurableExecutionInvocationOutput> {
  if (stop.kind === "throw") throw stop.error;
  // Persist what completed before the stop; a failure while draining takes precedence only if transient.
  await queue.whenIdle();
  if (stop.kind === "fail") return failedAnswer(encodeError(stop.error));
  return PENDING_ANSWER;
}
