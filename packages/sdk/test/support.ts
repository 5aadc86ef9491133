import type { CheckpointDurableExecutionRequest, CheckpointDurableExecutionResponse } from "@aws-sdk/client-lambda";
import { durableExecution, type DurableExecutionConfig, type DurableExecutionHandler, type DurableLambdaHandler } from "@durable-ts/sdk";
import { LocalDurableTestRunner } from "@durable-ts/testing";

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
