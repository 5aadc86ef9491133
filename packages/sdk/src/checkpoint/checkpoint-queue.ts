import { randomUUID } from "node:crypto";
import type { CheckpointDurableExecutionResponse, Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import { CancelledError, DurableExecutionClientError } from "../errors/index.js";
import { classifyClientError } from "./classify-error.js";
import type { DurableExecutionClient } from "./durable-execution-client.js";
import { fetchAllStatePages } from "./state-pages.js";
// node:timers, not the globals: a test that fakes the global timers must not stall the SDK.
import { setImmediate } from "node:timers";

/** Options of a {@link CheckpointQueue}. */
export interface CheckpointQueueOptions {
  client: DurableExecutionClient;
  executionArn: string;
  /** The invocation's token: the seed of the token chain. */
  checkpointToken: string;
  maxBatchBytes: number;
  maxBatchUpdates: number;
  /** Receives the operations the service reports changed, after paging; called before acks resolve. */
  onStateDelta(operations: Operation[]): void;
  /** Called once, with the first failed call already classified. Later updates are not sent. */
  onFailure(error: DurableExecutionClientError): void;
  /** Called when the service answered a non-terminal batch without a token: stop and suspend. */
  onTokenMissing(acknowledged: OperationUpdate[]): void;
  /** Source of idempotency tokens, one per batch (replaceable for tests). */
  newClientToken?: () => string;
  /** Count response bytes (costs a serialization per response; for metrics). */
  measureResponses?: boolean;
}

/** Counters the queue keeps for invocation metrics. */
export interface CheckpointStats {
  calls: number;
  updates: number;
  bytesSent: number;
  /** Serialized size of the responses (counted only when `measureResponses` is on). */
  bytesReceived: number;
  /** Time requests were in flight. */
  inFlightMs: number;
}

interface Entry {
  update: OperationUpdate;
  bytes: number;
  resolve(): void;
  reject(error: Error): void;
}

type QueueState = "open" | "failed" | "closed";

/**
 * Sends operation updates to the service in order, with exactly one request in flight.
 *
 * Updates enqueued while a request is in flight (or in the same macrotask) travel together in the
 * next batch, so persistence stays prefix-closed: an update is never durable without every update
 * enqueued before it. There is no idle timer: a batch leaves one macrotask after its first update.
 */
export class CheckpointQueue {
  readonly stats: CheckpointStats = { calls: 0, updates: 0, bytesSent: 0, bytesReceived: 0, inFlightMs: 0 };
  private token: string;
  private pending: Entry[] = [];
  private inFlight = false;
  private scheduled = false;
  /** An empty checkpoint is wanted (to learn of timers that fired); any batch sent satisfies it. */
  private pollRequested = false;
  private state: QueueState = "open";
  private idleWaiters: Array<() => void> = [];
  private readonly options: CheckpointQueueOptions;

  constructor(options: CheckpointQueueOptions) {
    this.options = options;
    this.token = options.checkpointToken;
  }

  /** The current token (rotates with every acknowledged batch). */
  get checkpointToken(): string {
    return this.token;
  }

  /** True when nothing is queued or in flight. */
  get isIdle(): boolean {
    return this.pending.length === 0 && !this.inFlight && !this.pollRequested;
  }

  /**
   * Asks the service for what changed (timers that fired) without sending an update: an empty
   * checkpoint, unless a batch is queued or in flight anyway. Resolves when its response is applied.
   */
  poll(): Promise<void> {
    if (this.state !== "open") return Promise.resolve();
    if (this.isIdle) {
      this.pollRequested = true;
      this.schedule();
    }
    return this.whenIdle();
  }

  /**
   * Queues one update. The promise resolves when the service acknowledged the batch carrying it and
   * rejects when that batch (or an earlier one) failed or the queue was closed.
   */
  enqueue(update: OperationUpdate): Promise<void> {
    if (this.state !== "open") {
      return Promise.reject(new CancelledError("INVOCATION_ENDING"));
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ update, bytes: estimateBytes(update), resolve, reject });
      this.schedule();
    });
  }

  /**
   * Queues one update nobody waits for: the same ordering and batching as {@link enqueue}, without
   * a promise per update. A failed batch still ends the invocation through `onFailure`; an update
   * posted after the queue stopped is dropped, as a rejected `enqueue` nobody awaits would be.
   */
  post(update: OperationUpdate): void {
    if (this.state !== "open") return;
    this.pending.push({ update, bytes: estimateBytes(update), resolve: ignore, reject: ignore });
    this.schedule();
  }

  /** Resolves once everything queued so far is acknowledged (or the queue stopped). */
  whenIdle(): Promise<void> {
    if (this.isIdle || this.state !== "open") return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the queue: nothing more is sent; queued updates are rejected as cancelled. */
  close(): void {
    if (this.state === "open") this.state = "closed";
    this.pollRequested = false;
    this.rejectPending(new CancelledError("INVOCATION_ENDING"));
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    try {
      while (this.state === "open" && (this.pending.length > 0 || this.pollRequested)) {
        this.pollRequested = false;
        const batch = this.takeBatch();
        await this.send(batch);
      }
    } finally {
      this.inFlight = false;
      if (this.isIdle || this.state !== "open") this.notifyIdle();
      else this.schedule();
    }
  }

  /** Cuts the next batch: size and count limits, one update per Id (START + one more allowed), EXECUTION last. */
  private takeBatch(): Entry[] {
    const seen = new Map<string, OperationUpdate>();
    let bytes = 0;
    let count = 0;
    for (; count < this.pending.length; count++) {
      const next = this.pending[count] as Entry; // count < length
      if (count >= this.options.maxBatchUpdates) break;
      if (count > 0 && bytes + next.bytes > this.options.maxBatchBytes) break;
      const id = next.update.Id ?? "";
      const earlier = seen.get(id);
      if (earlier && !canShareBatch(earlier, next.update)) break;
      seen.set(id, next.update);
      bytes += next.bytes;
      if (next.update.Type === "EXECUTION") {
        count += 1;
        break;
      }
    }
    // One splice per batch, not a shift per update (the queue can hold thousands of pipelined updates).
    return this.pending.splice(0, count);
  }

  private async send(batch: Entry[]): Promise<void> {
    const updates = batch.map((entry) => entry.update);
    const request = {
      DurableExecutionArn: this.options.executionArn,
      CheckpointToken: this.token,
      Updates: updates,
      ClientToken: (this.options.newClientToken ?? randomUUID)(),
    };
    this.stats.calls += 1;
    this.stats.updates += updates.length;
    this.stats.bytesSent += batch.reduce((sum, entry) => sum + entry.bytes, 0);
    let response: CheckpointDurableExecutionResponse;
    const sentAt = performance.now();
    try {
      response = await this.options.client.checkpoint(request);
      this.stats.inFlightMs += performance.now() - sentAt;
      if (this.options.measureResponses) this.stats.bytesReceived += Buffer.byteLength(JSON.stringify(response), "utf8");
      await this.applyResponse(response, updates);
    } catch (error) {
      this.fail(error instanceof DurableExecutionClientError ? error : classifyClientError(error, "CheckpointDurableExecution"), batch);
      return;
    }
    for (const entry of batch) entry.resolve();
  }

  private async applyResponse(response: CheckpointDurableExecutionResponse, updates: OperationUpdate[]): Promise<void> {
    const nextToken = response.CheckpointToken;
    if (!nextToken) {
      // A batch ending with EXECUTION SUCCEED/FAIL finishes the execution: no token is expected.
      // Any other tokenless answer means this invocation cannot checkpoint any more (protocol §7);
      // the batch was applied, so its delta still counts for deciding how to answer.
      this.state = "closed";
      if (updates[updates.length - 1]?.Type === "EXECUTION") return;
      const delta = response.NewExecutionState?.Operations ?? [];
      if (delta.length > 0) this.options.onStateDelta(delta);
      this.options.onTokenMissing(updates);
      return;
    }
    this.token = nextToken;
    const delta = response.NewExecutionState;
    if (!delta) return;
    const operations = [...(delta.Operations ?? [])];
    if (delta.NextMarker) {
      operations.push(...(await fetchAllStatePages(this.options.client, this.options.executionArn, this.token, delta.NextMarker)).operations);
    }
    if (operations.length > 0) this.options.onStateDelta(operations);
  }

  private fail(error: DurableExecutionClientError, batch: Entry[]): void {
    if (this.state !== "open") {
      for (const entry of batch) entry.reject(error);
      return;
    }
    this.state = "failed";
    for (const entry of batch) entry.reject(error);
    this.rejectPending(error);
    this.options.onFailure(error);
  }

  private rejectPending(error: Error): void {
    const rejected = this.pending;
    this.pending = [];
    for (const entry of rejected) entry.reject(error);
    this.notifyIdle();
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}

function ignore(): void {}

/**
 * Serialized size of an update, for batch cutting and metrics: the payload and error measured
 * exactly, the small fixed fields bounded by a constant (cheaper than serializing every update).
 */
function estimateBytes(update: OperationUpdate): number {
  let bytes = 320; // Id, ParentId, Type, SubType, Action, options and JSON punctuation
  if (update.Name) bytes += update.Name.length;
  if (update.Payload) bytes += Buffer.byteLength(update.Payload, "utf8") + 8;
  if (update.Error) bytes += Buffer.byteLength(JSON.stringify(update.Error), "utf8");
  return bytes;
}

/** The service accepts one update per Id per request, except a STEP/CONTEXT START followed by one non-START. */
function canShareBatch(earlier: OperationUpdate, later: OperationUpdate): boolean {
  return earlier.Action === "START" && later.Action !== "START" && (earlier.Type === "STEP" || earlier.Type === "CONTEXT");
}
