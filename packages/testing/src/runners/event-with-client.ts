import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "@aws-sdk/client-lambda";

/** The transport a test runner hands the handler (same shape as the SDK's `DurableExecutionClient`). */
export interface EventClient {
  checkpoint(params: CheckpointDurableExecutionRequest): Promise<CheckpointDurableExecutionResponse>;
  getExecutionState(params: GetDurableExecutionStateRequest): Promise<GetDurableExecutionStateResponse>;
  /** The service clock (virtual in tests); SDKs that know it use it for time-based decisions. */
  now?(): number;
}

// The event class lives in the SDK (the official SDK exports it too); runners build events with it.
export { DurableExecutionInvocationInputWithClient } from "@durable-ts/sdk";
