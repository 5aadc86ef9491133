/** Whether anyone awaits an operation's promise (implemented by `operations/durable-promise.ts`). */
export interface ObservationView {
  readonly observed: boolean;
}

/** An operation nobody awaited, as the "forgotten await" warning names it. */
export interface UnawaitedOperation {
  operationId: string;
  name?: string;
  type: string;
  /** RUNNING: still running when the handler returned; FAILED: failed in this invocation. */
  state: "RUNNING" | "FAILED";
  /** The failure's message (FAILED only). */
  error?: string;
}

interface Tracked {
  operationId: string;
  name?: string;
  type: string;
  observation: ObservationView | undefined;
  /** True once its context was cancelled (a map/parallel item after the batch completed). */
  cancelled(): boolean;
  failed?: string;
}

/**
 * The operations of one invocation whose promise may be forgotten: each is tracked from its start
 * until it settles, and kept when it fails with nobody awaiting it. When the handler returns,
 * {@link UnawaitedOperations.report} lists those nobody awaited that are still running or failed,
 * so a forgotten `await` leaves a trace (a warning) instead of vanishing.
 */
export class UnawaitedOperations {
  private readonly running = new Set<Tracked>();
  private readonly failed: Tracked[] = [];

  /** Tracks an operation from its start; call the returned function with its outcome when it settles. */
  start(entry: Omit<Tracked, "failed">): (error?: unknown) => void {
    const tracked: Tracked = entry;
    this.running.add(tracked);
    return (error) => {
      this.running.delete(tracked);
      if (error !== undefined && !(tracked.observation?.observed ?? true)) {
        tracked.failed = error instanceof Error ? error.message : String(error);
        this.failed.push(tracked);
      }
    };
  }

  /** Operations nobody awaited: still running (outside cancelled contexts) or failed. */
  report(): UnawaitedOperation[] {
    const notAwaited = (tracked: Tracked) => tracked.observation !== undefined && !tracked.observation.observed;
    const out: UnawaitedOperation[] = [];
    for (const tracked of this.running) {
      if (notAwaited(tracked) && !tracked.cancelled()) out.push(describe(tracked, "RUNNING"));
    }
    for (const tracked of this.failed) if (notAwaited(tracked)) out.push(describe(tracked, "FAILED"));
    return out;
  }
}

function describe(tracked: Tracked, state: UnawaitedOperation["state"]): UnawaitedOperation {
  const entry: UnawaitedOperation = { operationId: tracked.operationId, type: tracked.type, state };
  if (tracked.name !== undefined) entry.name = tracked.name;
  if (state === "FAILED") entry.error = tracked.failed;
  return entry;
}

/** The warning's text: every operation by type, name and id, with what became of it. */
export function unawaitedMessage(operations: UnawaitedOperation[]): string {
  const list = operations
    .map((op) => `${op.type}${op.name ? ` "${op.name}"` : ""} (id ${op.operationId}) ${op.state === "RUNNING" ? "still running" : `failed: ${op.error}`}`)
    .join("; ");
  return `The handler returned while ${operations.length} operation(s) nobody awaited ${operations.length === 1 ? "was" : "were"} running or failed (a forgotten await?): ${list}`;
}
