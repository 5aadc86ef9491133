import { randomUUID } from "node:crypto";
import {
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  InvokeCommand,
  LambdaClient,
  ListDurableExecutionsByFunctionCommand,
  type Event,
} from "@aws-sdk/client-lambda";
import { HandlerError, httpApi, router, type HttpApiEvent, type HttpApiResponse, type LambdaContext, type LambdaHandler, type SseFrame, type SseWrite } from "@durable-ts/sdk/lambda";
import type { ExportRequest } from "./export-job.js";
import { eventStream, streamingRouter } from "./streaming-router.js";

/** What the API needs: a Lambda client and the export workflow to start (a name or an alias ARN). */
export interface ApiOptions {
  lambda: LambdaClient;
  jobsFunction: string;
  /** How often the event stream reads the execution's history. Default 1000 ms. */
  pollMs?: number;
}

/** A job id is the durable execution's name: 1-64 of [a-zA-Z0-9-_]. */
const JOB_ID = /^[a-zA-Z0-9_-]{1,64}$/;
/** End a stream this long before the function's timeout; the client reconnects with Last-Event-ID. */
const STREAM_MARGIN_MS = 3_000;

function parseJob(body: unknown): { id: string; request: ExportRequest } {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof b.dataset !== "string" || b.dataset.length === 0 || b.dataset.length > 100) problems.push(`dataset: expected a string of 1-100 characters, received ${JSON.stringify(b.dataset)}`);
  if (!Number.isInteger(b.chunks) || (b.chunks as number) < 1 || (b.chunks as number) > 100) problems.push(`chunks: expected a whole number from 1 to 100, received ${JSON.stringify(b.chunks)}`);
  if (b.id !== undefined && (typeof b.id !== "string" || !JOB_ID.test(b.id))) problems.push(`id: expected 1-64 characters of [a-zA-Z0-9-_], received ${JSON.stringify(b.id)}`);
  if (problems.length > 0) throw new HandlerError("INVALID_JOB", "Invalid job", { problems });
  return { id: (b.id as string | undefined) ?? randomUUID(), request: { dataset: b.dataset as string, chunks: b.chunks as number } };
}

/** The frame a history event becomes, if the client cares about it. */
function frameOf(e: Event): SseFrame | undefined {
  const id = String(e.EventId);
  switch (e.EventType) {
    case "StepSucceeded":
      return { event: "step", id, data: { name: e.Name, status: "succeeded" } };
    case "StepFailed": {
      const retry = e.StepFailedDetails?.RetryDetails;
      const error = e.StepFailedDetails?.Error?.Payload?.ErrorMessage;
      return { event: "step", id, data: { name: e.Name, status: "failed", error, ...(retry?.NextAttemptDelaySeconds !== undefined ? { retryInSeconds: retry.NextAttemptDelaySeconds } : {}) } };
    }
    case "WaitStarted":
      return { event: "wait", id, data: { name: e.Name, until: e.WaitStartedDetails?.ScheduledEndTimestamp?.toISOString() } };
    case "ExecutionSucceeded": {
      const payload = e.ExecutionSucceededDetails?.Result?.Payload;
      return { event: "done", id, data: { status: "SUCCEEDED", result: payload === undefined ? null : JSON.parse(payload) } };
    }
    case "ExecutionFailed":
      return { event: "done", id, data: { status: "FAILED", error: e.ExecutionFailedDetails?.Error?.Payload?.ErrorMessage } };
    case "ExecutionTimedOut":
      return { event: "done", id, data: { status: "TIMED_OUT" } };
    case "ExecutionStopped":
      return { event: "done", id, data: { status: "STOPPED" } };
    default:
      return undefined;
  }
}

/**
 * The jobs API: `POST /jobs` starts an export workflow (a durable execution named after the job
 * id), `GET /jobs/{id}` reads its status, and `GET /jobs/{id}/events` streams its progress as
 * server-sent events (`step`, `wait`, then `done`), resuming after `Last-Event-ID`.
 */
export function createApi(o: ApiOptions) {
  const pollMs = o.pollMs ?? 1_000;
  // Listing takes the function's name: the last part of a name, the function part of an ARN.
  const functionName = o.jobsFunction.startsWith("arn:") ? o.jobsFunction.split(":")[6]! : o.jobsFunction;

  async function findJob(id: string): Promise<string> {
    if (JOB_ID.test(id)) {
      const found = await o.lambda.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: functionName, DurableExecutionName: id, MaxItems: 1 }));
      const arn = found.DurableExecutions?.[0]?.DurableExecutionArn;
      if (arn !== undefined) return arn;
    }
    throw new HandlerError("JOB_NOT_FOUND", `No job ${id}`, { id });
  }

  async function startJob(job: { id: string; request: ExportRequest }) {
    try {
      const started = await o.lambda.send(
        new InvokeCommand({ FunctionName: o.jobsFunction, InvocationType: "Event", DurableExecutionName: job.id, Payload: JSON.stringify(job.request) }),
      );
      return { id: job.id, executionArn: started.DurableExecutionArn, events: `/jobs/${job.id}/events` };
    } catch (error) {
      // The same id with the same request answers the running job; another request is a conflict.
      if ((error as Error).name === "DurableExecutionAlreadyStartedException") throw new HandlerError("JOB_CONFLICT", `Job ${job.id} exists with another request`, { id: job.id });
      throw error;
    }
  }

  async function follow(arn: string, after: number, write: SseWrite, context: LambdaContext): Promise<void> {
    let last = after;
    for (;;) {
      let ended = false;
      let marker: string | undefined;
      do {
        const page = await o.lambda.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, IncludeExecutionData: true, Marker: marker }));
        for (const e of page.Events ?? []) {
          if (e.EventType?.startsWith("Execution") && e.EventType !== "ExecutionStarted") ended = true;
          if ((e.EventId ?? 0) <= last) continue;
          last = e.EventId ?? last;
          const frame = frameOf(e);
          if (frame !== undefined) await write(frame);
        }
        marker = page.NextMarker;
      } while (marker !== undefined);
      if (ended || context.getRemainingTimeInMillis() < pollMs + STREAM_MARGIN_MS) return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  const notFound = { code: "JOB_NOT_FOUND", statusCode: 404, body: ({ error }: { error: { message: string } }) => ({ message: error.message }) };
  const routes = router([
    httpApi({
      method: "POST",
      path: "/jobs",
      inputs: (req) => parseJob(req.body),
      handler: startJob,
      returns: [{ statusCode: 202, body: ({ result }) => result }],
      catches: [
        { code: ["INVALID_JOB", "INVALID_JSON_BODY"], statusCode: 400, body: ({ error }) => ({ message: error.message, problems: (error.data as { problems?: string[] } | undefined)?.problems }) },
        { code: "JOB_CONFLICT", statusCode: 409, body: ({ error }) => ({ message: error.message }) },
      ],
    }),
    httpApi({
      method: "GET",
      path: "/jobs/{id}",
      handler: async (req) => {
        const execution = await o.lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: await findJob(req.params.id) }));
        return {
          id: req.params.id,
          status: execution.Status,
          startedAt: execution.StartTimestamp?.toISOString(),
          ...(execution.EndTimestamp ? { endedAt: execution.EndTimestamp.toISOString() } : {}),
          ...(execution.Result !== undefined ? { result: JSON.parse(execution.Result) } : {}),
          ...(execution.Error ? { error: execution.Error.ErrorMessage } : {}),
        };
      },
      catches: [notFound],
    }),
    httpApi({
      method: "GET",
      path: "/jobs/{id}/events",
      handler: async (req, context) => {
        const arn = await findJob(req.params.id); // an unknown job is a 404, before the stream starts
        const after = Number(req.headers["last-event-id"] ?? 0);
        return eventStream(req, (write) => follow(arn, Number.isInteger(after) ? after : 0, write, context));
      },
      catches: [notFound],
    }),
  ]) as LambdaHandler<HttpApiEvent, HttpApiResponse>;
  return streamingRouter(routes);
}

/** The Function URL's handler. JOBS_FUNCTION: the export workflow (its alias ARN on AWS; `export-job` locally). */
export const handler = createApi({ lambda: new LambdaClient({}), jobsFunction: process.env.JOBS_FUNCTION ?? "export-job" });
