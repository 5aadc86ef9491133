import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "@aws-sdk/client-lambda";

/**
 * The transport the SDK uses to talk to the durable execution service: the two calls a running
 * function needs. Shapes are `@aws-sdk/client-lambda`'s.
 *
 * The production implementation is {@link DurableExecutionApiClient}; tests and the official
 * testing kit supply their own object, carried on the invocation event as `durableExecutionClient`.
 */
export interface DurableExecutionClient {
  /** Sends a batch of operation updates; consumes the request's token and returns the next one. */
  checkpoint(params: CheckpointDurableExecutionRequest, logger?: unknown): Promise<CheckpointDurableExecutionResponse>;
  /** Reads one page of the execution's operations; consumes nothing. */
  getExecutionState(params: GetDurableExecutionStateRequest, logger?: unknown): Promise<GetDurableExecutionStateResponse>;
}

/** Duck-typing check used for clients carried on the event (the official SDK's testing kit convention). */
export function isDurableExecutionClient(value: unknown): value is DurableExecutionClient {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<DurableExecutionClient>;
  return typeof candidate.checkpoint === "function" && typeof candidate.getExecutionState === "function";
}
