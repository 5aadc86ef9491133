/** What a call reads from its runtime, and what it comes to: the seam between runtime.ts and execute.ts. */
import type { ActorLogger } from "../definition/context.js";
import type { ActorStore, CallOutcome } from "../store/store.js";
import type { Clock } from "../time/clock.js";

/** The runtime's settings a call runs with. */
export interface RuntimeSettings {
  readonly store: ActorStore;
  readonly clock: Clock;
  readonly instanceId: string;
  readonly leaseMs: number;
  readonly lockWaitMs: number;
  readonly callWindow: number;
  readonly logger: ActorLogger;
}

/** What one call came to. */
export interface Execution {
  outcome: CallOutcome;
  /** The error as thrown in this process (the handler's own, or the runtime's typed one). */
  thrown?: unknown;
  /** True when the outcome came from the call window: the handler did not run again. */
  replayed: boolean;
  /** True when the outcome is a transient fault (conflict, busy, a store error): retrying may succeed. */
  retryable: boolean;
}
