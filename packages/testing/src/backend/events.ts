/**
 * Change notifications of the backend: operation changes, execution ends and chained-invoke
 * starts. Changes made inside {@link BackendEvents.batch} (a checkpoint, a timer fire, a callback
 * call) are delivered once the batch is fully applied, in the order they happened, so a listener
 * always reads consistent state. A throwing listener never undoes or fails the call that made the
 * change: its error is rethrown on a microtask (an unhandled error in the test run).
 */
import type { Operation, OperationStatus, OperationType } from "@aws-sdk/client-lambda";
import { copy } from "./copy.js";

/** A CHAINED_INVOKE START the service must now run (the backend itself never runs the target). */
export interface ChainedInvokeStartedEvent {
  executionArn: string;
  operationId: string;
  functionName: string;
  /** The update's Payload: the target's input. */
  payload?: string;
  tenantId?: string;
}

export type OperationListener = (executionArn: string, operation: Operation) => void;

/**
 * Which operation changed and its status now: identity fields only (no payloads, errors or
 * details), frozen and shared by every listener, so hearing of a change costs no copy.
 */
export interface OperationChange {
  readonly Id: string;
  readonly Type: OperationType;
  readonly Status: OperationStatus;
  readonly SubType?: string;
  readonly Name?: string;
  readonly ParentId?: string;
}

export type OperationChangeListener = (executionArn: string, change: OperationChange) => void;
export type ExecutionListener = (executionArn: string, status: string) => void;
export type ChainedInvokeListener = (event: ChainedInvokeStartedEvent) => void;

/** What changed in one execution during one committed change: its operations, and history events rewritten in place. */
export interface ExecutionChanges {
  readonly operationIds: Set<string>;
  readonly rewrittenEventIds: Set<number>;
}

/** Hears, once per applied change (a whole checkpoint, a timer fire, a call), which executions it touched. */
export type CommitListener = (changes: ReadonlyMap<string, ExecutionChanges>) => void;

function subscribe<L>(set: Set<L>, listener: L): () => void {
  if (typeof listener !== "function") throw new TypeError("listener must be a function");
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

/** Listener sets and the delivery queue of one backend. */
export class BackendEvents {
  private readonly operationListeners = new Set<OperationListener>();
  private readonly changeListeners = new Set<OperationChangeListener>();
  private readonly executionListeners = new Set<ExecutionListener>();
  private readonly chainedInvokeListeners = new Set<ChainedInvokeListener>();
  private readonly commitListeners = new Set<CommitListener>();
  private pending = new Map<string, ExecutionChanges>();
  private readonly queue: (() => void)[] = [];
  private depth = 0;
  private draining = false;

  onOperationChange(listener: OperationListener): () => void {
    return subscribe(this.operationListeners, listener);
  }

  onOperationStatus(listener: OperationChangeListener): () => void {
    return subscribe(this.changeListeners, listener);
  }

  onExecutionChange(listener: ExecutionListener): () => void {
    return subscribe(this.executionListeners, listener);
  }

  onChainedInvokeStarted(listener: ChainedInvokeListener): () => void {
    return subscribe(this.chainedInvokeListeners, listener);
  }

  /**
   * Called at the end of each outermost batch (or at once outside one) with the executions changed
   * in it; a persistence layer saves them there, before the call that made the change returns.
   */
  onCommit(listener: CommitListener): () => void {
    return subscribe(this.commitListeners, listener);
  }

  /** Marks the execution changed (for commit listeners); `o` names what changed besides its state. */
  touch(executionArn: string, o: { operationId?: string; rewrittenEventId?: number } = {}): void {
    if (this.commitListeners.size === 0) return;
    let changes = this.pending.get(executionArn);
    if (!changes) {
      changes = { operationIds: new Set(), rewrittenEventIds: new Set() };
      this.pending.set(executionArn, changes);
    }
    if (o.operationId !== undefined) changes.operationIds.add(o.operationId);
    if (o.rewrittenEventId !== undefined) changes.rewrittenEventIds.add(o.rewrittenEventId);
    if (this.depth === 0) this.commit();
  }

  /**
   * An operation was stored anew. Listeners get their own copy of it as it is now: a stored
   * operation is never changed in place, so copying at delivery sees this very version.
   */
  operationChanged(executionArn: string, op: Operation): void {
    this.touch(executionArn, { operationId: op.Id });
    if (this.changeListeners.size > 0) {
      const change = summarize(op);
      this.deliver(this.changeListeners, (l) => l(executionArn, change));
    }
    if (this.operationListeners.size > 0) this.deliver(this.operationListeners, (l) => l(executionArn, copy(op)));
  }

  /** The execution reached a terminal status. */
  executionChanged(executionArn: string, status: string): void {
    this.touch(executionArn);
    this.deliver(this.executionListeners, (l) => l(executionArn, status));
  }

  chainedInvokeStarted(event: ChainedInvokeStartedEvent): void {
    const snapshot = { ...event };
    this.deliver(this.chainedInvokeListeners, (l) => l({ ...snapshot }));
  }

  /** Runs `fn`, holding back notifications until the outermost batch ends. */
  batch<T>(fn: () => T): T {
    this.depth += 1;
    try {
      return fn();
    } finally {
      this.depth -= 1;
      if (this.depth === 0) {
        this.commit();
        this.drain();
      }
    }
  }

  /** Hands the changes of the finished batch to commit listeners; their failure fails the call (nothing was saved). */
  private commit(): void {
    if (this.pending.size === 0) return;
    const changes = this.pending;
    this.pending = new Map();
    for (const listener of [...this.commitListeners]) listener(changes);
  }

  private deliver<L>(listeners: Set<L>, call: (listener: L) => void): void {
    this.queue.push(() => {
      for (const listener of [...listeners]) {
        try {
          call(listener);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    });
    if (this.depth === 0) this.drain();
  }

  /** Delivers queued notifications; a change made by a listener is delivered after the current ones. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    // By index, then one splice: a shift per notification moves the rest of a long queue each time.
    let done = 0;
    try {
      while (done < this.queue.length) this.queue[done++]!();
    } finally {
      this.queue.splice(0, done);
      this.draining = false;
    }
  }
}

function summarize(op: Operation): OperationChange {
  const change: { -readonly [K in keyof OperationChange]: OperationChange[K] } = { Id: op.Id!, Type: op.Type!, Status: op.Status! };
  if (op.SubType !== undefined) change.SubType = op.SubType;
  if (op.Name !== undefined) change.Name = op.Name;
  if (op.ParentId !== undefined) change.ParentId = op.ParentId;
  return Object.freeze(change);
}
