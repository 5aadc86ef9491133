/**
 * The invocation event a test hands a durable handler, with the transport it checkpoints through
 * (protocol §12).
 */

import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "@aws-sdk/client-lambda";

/**
 * A warning the SDK raised during the run. `UNAWAITED_OPERATIONS`: the handler returned while
 * operations nobody awaited were still running or had failed (a forgotten `await`).
 */
export interface TestWarning {
  code: string;
  message: string;
  /** The invocation that raised it. */
  requestId: string;
  /** The operations concerned: id, name, type, RUNNING or FAILED (with the error message). */
  operations?: { operationId: string; name?: string; type: string; state: string; error?: string }[];
}

/** The transport a test runner hands the handler (same shape as the SDK's `DurableExecutionClient`). */
export interface EventClient {
  checkpoint(params: CheckpointDurableExecutionRequest): Promise<CheckpointDurableExecutionResponse>;
  getExecutionState(params: GetDurableExecutionStateRequest): Promise<GetDurableExecutionStateResponse>;
  /** The service clock (virtual in tests); SDKs that know it use it for time-based decisions. */
  now?(): number;
  /** Sleeps until an instant of the service clock (virtual in tests, so the runner can skip ahead). */
  sleepUntil?(epochMs: number, signal: AbortSignal): Promise<void>;
  /** Receives the SDK's warnings about the run (e.g. operations nobody awaited). */
  reportWarning?(warning: TestWarning): void;
}

// The event class lives in the SDK (the official SDK exports it too); runners build events with it.
export { DurableExecutionInvocationInputWithClient } from "@durable-ts/sdk";
