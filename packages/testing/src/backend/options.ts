/** Options of the in-memory backend and the transport it hands out. */
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "@aws-sdk/client-lambda";
import type { VirtualClock } from "../clock/index.js";
import type { BackendLimits } from "./limits.js";
import type { BackendPersistence } from "./persistence.js";

/** Options of `InMemoryBackend`. */
export interface InMemoryBackendOptions {
  /** Start of virtual time (default: now). Ignored when `clock` is given. */
  startTime?: Date;
  /** Time skipping (default `true`); `false` makes the clock follow real time. Ignored when `clock` is given. */
  skipTime?: boolean;
  /** A clock to share, e.g. with a test runner. */
  clock?: VirtualClock;
  /** Size limits; see {@link BackendLimits}. */
  limits?: Partial<BackendLimits>;
  /**
   * Execution timeout in seconds, 1–31,622,400 (default 86,400, the service's default); `null` for
   * none. Per function: `InMemoryBackend.setExecutionTimeout`.
   */
  executionTimeoutSeconds?: number | null;
  /** Operations in the invocation event's first page (default 1000; 0 sends every op through paging). */
  initialPageSize?: number;
  /**
   * A store that outlives the process: the saved executions are restored now, and every change is
   * saved before the call that made it returns (see `durable-ts serve --data`). The clock starts no
   * earlier than the last saved instant. Default: memory only.
   */
  persistence?: BackendPersistence;
}

/** The transport the official testing kit carries on the event (protocol §12); client-lambda shapes. */
export interface InMemoryDurableExecutionClient {
  checkpoint(params: CheckpointDurableExecutionRequest, logger?: unknown): Promise<CheckpointDurableExecutionResponse>;
  getExecutionState(params: GetDurableExecutionStateRequest, logger?: unknown): Promise<GetDurableExecutionStateResponse>;
}
