import type { CheckpointDurableExecutionRequest, CheckpointDurableExecutionResponse } from "@aws-sdk/client-lambda";
import { durableExecution, type DurableExecutionConfig, type DurableExecutionHandler, type DurableLambdaHandler } from "@durable-ts/sdk";
import { createLambdaContext, LocalDurableTestRunner } from "@durable-ts/testing";

/** A logger that drops everything: tests assert behaviour, not log lines. */
export const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** `durableExecution` with a silent logger. */
export function durable<E = any, R = any>(handler: DurableExecutionHandler<E, R>, config: DurableExecutionConfig = {}): DurableLambdaHandler {
  return durableExecution(handler, { logger: silentLogger, ...config });
}

/** A runner over a fresh backend, time skipping on, fixed start time. */
export function runnerFor(handler: DurableLambdaHandler): LocalDurableTestRunner {
  return new LocalDurableTestRunner({ handlerFunction: handler, startTime: new Date("2026-01-01T00:00:00Z") });
}

export const START_MS = Date.parse("2026-01-01T00:00:00Z");

type Client = {
  checkpoint(p: CheckpointDurableExecutionRequest): Promise<CheckpointDurableExecutionResponse>;
  getExecutionState(p: any): Promise<any>;
};

/**
 * Wraps a handler so the transport carried on each event goes through `wrap` (to cut invocations,
 * count calls or observe acknowledgements).
 */
export function withClient(handler: DurableLambdaHandler, wrap: (client: Client) => Client): DurableLambdaHandler {
  return (event, context) => {
    const carried = (event as unknown as { durableExecutionClient: Client }).durableExecutionClient;
    // Keep what the runner's transport offers besides the two calls (its clock, test seams).
    const client = { ...carried, ...wrap(carried) };
    const replaced = Object.assign(Object.create(Object.getPrototypeOf(event)), event, { durableExecutionClient: client });
    return handler(replaced, context);
  };
}

/** The EXECUTION operation of a hand-built invocation event (its Id is the ARN's last segment). */
export const EXECUTION_OPERATION = { Id: "exec-1", Type: "EXECUTION", Status: "STARTED", StartTimestamp: new Date(0), ExecutionDetails: { InputPayload: "{}" } } as const;

/**
 * Runs one invocation of `handler` over `operations` (after the EXECUTION operation) with an
 * in-process transport that records every checkpoint request and answers each with `respond`
 * (default: the next token and no operations). Resolves with the answer, or what the handler threw.
 */
export async function invokeOnce(
  handler: DurableLambdaHandler,
  operations: unknown[] = [],
  respond: (request: CheckpointDurableExecutionRequest, count: number) => CheckpointDurableExecutionResponse = (_request, count) => ({
    CheckpointToken: `tok-${count}`,
    NewExecutionState: { Operations: [] },
  }),
) {
  const requests: CheckpointDurableExecutionRequest[] = [];
  const event = {
    DurableExecutionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST/durable-execution/x/exec-1",
    CheckpointToken: "tok-0",
    InitialExecutionState: { Operations: [EXECUTION_OPERATION, ...operations] },
    durableExecutionClient: {
      checkpoint: async (request: CheckpointDurableExecutionRequest) => {
        requests.push(request);
        return respond(request, requests.length);
      },
      getExecutionState: async () => ({ Operations: [] }),
    },
  };
  const outcome: { answer?: unknown; thrown?: unknown } = await handler(event as never, createLambdaContext("fn", 60_000)).then(
    (answer) => ({ answer }),
    (thrown: unknown) => ({ thrown }),
  );
  return { ...outcome, requests, updates: requests.flatMap((r) => r.Updates ?? []) };
}
