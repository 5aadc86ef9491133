/** Starting, describing and stopping executions (protocol §2, §10). */
import type { GetDurableExecutionCommandOutput, StopDurableExecutionCommandInput, StopDurableExecutionCommandOutput } from "@aws-sdk/client-lambda";
import { okMetadata, type BackendCore } from "./core.js";
import { invalidParameter } from "./errors.js";
import { functionArn } from "./execution-store.js";
import { eventResult, recordEvent } from "./history.js";
import { utf8Bytes, type InvocationType } from "./limits.js";
import { armExecutionTimeout, finishExecution } from "./lifecycle.js";
import { copy } from "./copy.js";
import { checkErrorObject } from "./validation.js";

/** Creates an execution (or returns the existing one of a known name and input) and arms its timeout. */
export function startExecution(
  core: BackendCore,
  executionTimeoutSeconds: number | undefined,
  o: { functionName?: string; input?: string; executionName?: string; invocationType?: InvocationType },
): { executionArn: string } {
  if (o.invocationType !== undefined && o.invocationType !== "RequestResponse" && o.invocationType !== "Event") {
    throw invalidParameter(`InvocationType must be RequestResponse or Event, received ${JSON.stringify(o.invocationType)}`);
  }
  if (o.input !== undefined && utf8Bytes(o.input) > core.limits.maxResponseBytes) {
    throw invalidParameter(`Input payload exceeds ${core.limits.maxResponseBytes} bytes`);
  }
  const { exec, created } = core.store.create({
    functionName: o.functionName ?? "function",
    input: o.input,
    executionName: o.executionName,
    executionTimeoutSeconds,
    invocationType: o.invocationType,
    now: core.clock.now(),
  });
  if (created) {
    const execOp = exec.ops.get(exec.id)!;
    core.events.operationChanged(exec.arn, execOp);
    recordEvent(exec, exec.startTimestamp, "ExecutionStarted", execOp, {
      Input: eventResult(o.input),
      ...(exec.executionTimeoutSeconds !== undefined && { ExecutionTimeout: exec.executionTimeoutSeconds }),
    });
    armExecutionTimeout(core, exec);
  }
  return { executionArn: exec.arn };
}

/** GetDurableExecution: status, timestamps and, with `IncludeExecutionData` (default true), input and result. */
export function describeExecution(core: BackendCore, input: { DurableExecutionArn: string; IncludeExecutionData?: boolean }): GetDurableExecutionCommandOutput {
  const exec = core.store.get(input?.DurableExecutionArn);
  const include = input.IncludeExecutionData !== false;
  const out: GetDurableExecutionCommandOutput = {
    DurableExecutionArn: exec.arn,
    DurableExecutionName: exec.name,
    FunctionArn: functionArn(exec.functionName),
    Status: exec.status,
    StartTimestamp: new Date(exec.startTimestamp),
    Version: "$LATEST",
    ExecutionDataIncluded: include,
    DurableConfig: exec.executionTimeoutSeconds === undefined ? {} : { ExecutionTimeout: exec.executionTimeoutSeconds },
    $metadata: okMetadata(),
  };
  if (exec.endTimestamp) out.EndTimestamp = new Date(exec.endTimestamp);
  if (include && exec.input !== undefined) out.InputPayload = exec.input;
  if (include && exec.status === "SUCCEEDED" && exec.result !== undefined) out.Result = exec.result;
  if (exec.status !== "SUCCEEDED" && exec.error !== undefined) out.Error = copy(exec.error);
  return out;
}

/** StopDurableExecution: the execution becomes STOPPED with the given Error; timers dropped. */
export function stopExecution(core: BackendCore, input: StopDurableExecutionCommandInput): StopDurableExecutionCommandOutput {
  const exec = core.store.get(input?.DurableExecutionArn);
  if (input.Error !== undefined) {
    const problem = checkErrorObject("Error", input.Error, core.limits);
    if (problem) throw invalidParameter(problem);
  }
  if (exec.status !== "RUNNING") throw invalidParameter(`Execution is already ${exec.status}`);
  finishExecution(core, exec, "STOPPED", { error: input.Error === undefined ? undefined : copy(input.Error) });
  return { StopTimestamp: new Date(exec.endTimestamp!), $metadata: okMetadata() };
}
