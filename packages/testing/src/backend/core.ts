/** What the request handlers of the backend share. */
import type { VirtualClock } from "../clock/index.js";
import type { BackendEvents } from "./events.js";
import type { ExecutionStore } from "./execution-store.js";
import type { FaultInjector } from "./faults.js";
import type { BackendLimits } from "./limits.js";

/** Where a CallbackId points. */
export interface CallbackRef {
  executionArn: string;
  operationId: string;
}

/** The backend's shared parts, passed to each handler (no globals). */
export interface BackendCore {
  readonly clock: VirtualClock;
  readonly limits: BackendLimits;
  readonly store: ExecutionStore;
  readonly faults: FaultInjector;
  /** Change notifications and their batching. */
  readonly events: BackendEvents;
  /** Every CallbackId ever issued by this backend (unique across executions). */
  readonly callbacks: Map<string, CallbackRef>;
  /** Operations in the invocation event's first page. */
  readonly initialPageSize: number;
}

/** Response metadata of a successful call, as the client reports it. */
export function okMetadata(): { httpStatusCode: number; attempts: number; totalRetryDelay: number } {
  return { httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 };
}
