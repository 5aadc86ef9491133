/**
 * What the web console shows, read from the service: execution summaries for the list, and one
 * execution in full (operations, history events, invocations and why each ended, next timer).
 * Timestamps are ISO strings (JSON.stringify of Date); payloads stay the JSON text they were.
 */
import type { Event, Operation } from "@aws-sdk/client-lambda";
import { invocationEndings, type InvocationEnding } from "../format/invocation-endings.js";
import type { LocalService } from "./local-service.js";

/** One row of the executions list. */
export interface ExecutionSummary {
  arn: string;
  name: string;
  functionName: string;
  status: string;
  startTimestamp?: Date;
  endTimestamp?: Date;
  durationMs?: number;
  invocations: number;
}

/** One execution in full. */
export interface ExecutionDetail extends ExecutionSummary {
  input?: string;
  result?: string;
  error?: unknown;
  operations: Operation[];
  events: Event[];
  invocationEndings: InvocationEnding[];
  /** Epoch ms of the execution's next timer (wait end, retry, callback timeout), if any. */
  nextTimerMs?: number;
}

function functionNameOfArn(functionArn: string | undefined): string {
  return functionArn?.split(":function:")[1]?.split(":")[0] ?? "";
}

/** The summary of one execution. */
export async function executionSummary(service: LocalService, arn: string): Promise<ExecutionSummary> {
  const execution = await service.backend.getDurableExecution({ DurableExecutionArn: arn, IncludeExecutionData: false });
  const start = execution.StartTimestamp?.getTime();
  const end = execution.EndTimestamp?.getTime();
  return {
    arn,
    name: execution.DurableExecutionName ?? "",
    functionName: functionNameOfArn(execution.FunctionArn),
    status: execution.Status ?? "",
    startTimestamp: execution.StartTimestamp,
    endTimestamp: execution.EndTimestamp,
    durationMs: start !== undefined ? (end ?? service.backend.clock.nowMs()) - start : undefined,
    invocations: service.backend.getInvocations(arn).length,
  };
}

/** Every execution, newest first, optionally only those of a status and of a function. */
export async function listExecutions(service: LocalService, filter: { status?: string; functionName?: string } = {}): Promise<ExecutionSummary[]> {
  const out: ExecutionSummary[] = [];
  for (const arn of service.backend.listExecutionArns().reverse()) {
    const summary = await executionSummary(service, arn);
    if (filter.status && summary.status !== filter.status) continue;
    if (filter.functionName && summary.functionName !== filter.functionName) continue;
    out.push(summary);
  }
  return out;
}

/** One execution with its data. */
export async function executionDetail(service: LocalService, arn: string): Promise<ExecutionDetail> {
  const summary = await executionSummary(service, arn);
  const execution = await service.backend.getDurableExecution({ DurableExecutionArn: arn, IncludeExecutionData: true });
  const events: Event[] = [];
  let marker: string | undefined;
  do {
    const page = await service.backend.getDurableExecutionHistory({ DurableExecutionArn: arn, IncludeExecutionData: true, MaxItems: 1000, Marker: marker });
    events.push(...(page.Events ?? []));
    marker = page.NextMarker;
  } while (marker);
  const running = service.backend.isRunning(arn);
  return {
    ...summary,
    input: execution.InputPayload,
    result: execution.Result,
    error: execution.Error,
    operations: service.backend.getOperations(arn),
    events,
    invocationEndings: invocationEndings(events),
    nextTimerMs: running ? service.backend.nextWakeUpMs(arn) : undefined,
  };
}
