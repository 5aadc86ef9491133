import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  Operation,
} from "@aws-sdk/client-lambda";
import type { TestWarning } from "./test-result.js";

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

/**
 * An invocation event carrying its transport, built the way the official testing kit builds it
 * (class name and `Symbol.toStringTag` both `DurableExecutionInvocationInputWithClient`), so
 * handlers written with either SDK accept it and checkpoint through the in-memory backend.
 */
export class DurableExecutionInvocationInputWithClient {
  readonly DurableExecutionArn: string;
  readonly CheckpointToken: string;
  readonly InitialExecutionState: { Operations: Operation[]; NextMarker?: string };
  readonly durableExecutionClient: EventClient;

  constructor(
    event: { DurableExecutionArn: string; CheckpointToken: string; InitialExecutionState: { Operations: Operation[]; NextMarker?: string } },
    client: EventClient,
  ) {
    this.DurableExecutionArn = event.DurableExecutionArn;
    this.CheckpointToken = event.CheckpointToken;
    this.InitialExecutionState = event.InitialExecutionState;
    this.durableExecutionClient = client;
  }

  get [Symbol.toStringTag](): string {
    return "DurableExecutionInvocationInputWithClient";
  }
}
