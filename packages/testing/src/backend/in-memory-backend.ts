/**
 * An in-process emulation of the Lambda durable execution service (protocol.md §4, §7, §8, §10).
 * It speaks `@aws-sdk/client-lambda` shapes and throws the client's own exception classes, and it
 * never imports SDK code, so it judges any SDK the way the service would.
 */
import type {
  CheckpointDurableExecutionCommandInput,
  CheckpointDurableExecutionCommandOutput,
  ErrorObject,
  Event,
  GetDurableExecutionCommandOutput,
  GetDurableExecutionHistoryCommandInput,
  GetDurableExecutionHistoryCommandOutput,
  GetDurableExecutionStateCommandInput,
  GetDurableExecutionStateCommandOutput,
  Operation,
  OperationUpdate,
  SendDurableExecutionCallbackFailureCommandInput,
  SendDurableExecutionCallbackFailureCommandOutput,
  SendDurableExecutionCallbackHeartbeatCommandInput,
  SendDurableExecutionCallbackHeartbeatCommandOutput,
  SendDurableExecutionCallbackSuccessCommandOutput,
  StopDurableExecutionCommandInput,
  StopDurableExecutionCommandOutput,
} from "@aws-sdk/client-lambda";
import { VirtualClock, type TimerHandle } from "../clock/index.js";
import { sendCallbackFailure, sendCallbackHeartbeat, sendCallbackSuccess, type SendCallbackSuccessInput } from "./callbacks.js";
import { completeChainedInvoke, setChainedInvokeChild, type ChainedInvokeOutcome } from "./chained-invokes.js";
import { checkpoint, getExecutionState } from "./checkpoint.js";
import type { BackendCore, CallbackRef } from "./core.js";
import { BackendEvents, type ChainedInvokeListener, type ExecutionListener, type OperationChangeListener, type OperationListener } from "./events.js";
import { describeExecution, startExecution, stopExecution } from "./execution-api.js";
import { ExecutionStore } from "./execution-store.js";
import { FaultInjector, type FaultSpec } from "./faults.js";
import { readHistory } from "./history.js";
import { MAX_DURATION_SECONDS, resolveLimits, type BackendLimits, type InvocationType } from "./limits.js";
import { finishExecution, scheduleDriverTimer } from "./lifecycle.js";
import { beginInvocation, endInvocation, hasPendingWork, type DurableInvocationEvent } from "./invocations.js";
import { copy } from "./copy.js";
import type { CheckpointCall, Invocation, InvocationAnswer, TimerKind } from "./model.js";
import type { InMemoryBackendOptions, InMemoryDurableExecutionClient } from "./options.js";
import { restoreExecution, type BackendPersistence } from "./persistence.js";

export type { InMemoryBackendOptions, InMemoryDurableExecutionClient } from "./options.js";

/**
 * In-memory durable execution service.
 *
 * Driving an execution: {@link InMemoryBackend.startExecution}, then repeatedly
 * {@link InMemoryBackend.beginInvocation} → run the handler with the event (its checkpoints go to
 * {@link InMemoryBackend.checkpointDurableExecution} / {@link InMemoryBackend.durableExecutionClient})
 * → {@link InMemoryBackend.endInvocation}; when {@link InMemoryBackend.needsInvocation} is false and
 * the execution still runs, advance {@link InMemoryBackend.clock} to {@link InMemoryBackend.nextWakeUpMs}.
 * Never more than one invocation of an execution is open. Callbacks are completed with the
 * `sendDurableExecutionCallback*` methods; chained invokes are run by whoever listens to
 * {@link InMemoryBackend.onChainedInvokeStarted} and reports with {@link InMemoryBackend.completeChainedInvoke}.
 *
 * @example
 * const backend = new InMemoryBackend({ startTime: new Date("2026-01-01T00:00:00Z") });
 * const { executionArn } = backend.startExecution({ input: '{"orderId":42}' });
 * const { requestId, event } = backend.beginInvocation(executionArn);
 * const answer = await handler(event, lambdaContext);
 * backend.endInvocation(executionArn, requestId, answer);
 */
export class InMemoryBackend {
  /** The clock that stamps every timestamp and fires waits, retries and the execution timeout. */
  readonly clock: VirtualClock;
  private readonly core: BackendCore;
  private readonly executionTimeoutSeconds: number | undefined;
  private readonly functionTimeouts = new Map<string, number | undefined>();

  constructor(o: InMemoryBackendOptions = {}) {
    const saved = o.persistence?.load();
    // Never before the last saved instant: with skipped time, the clock may have run ahead of the wall clock.
    const startMs = saved?.clockMs === undefined ? o.startTime?.getTime() : Math.max(saved.clockMs, o.startTime?.getTime() ?? Date.now());
    this.clock = o.clock ?? new VirtualClock(startMs, { skipping: o.skipTime ?? true });
    const timeout = checkExecutionTimeout(o.executionTimeoutSeconds === undefined ? 86_400 : o.executionTimeoutSeconds);
    const initialPageSize = o.initialPageSize ?? 1000;
    if (!Number.isInteger(initialPageSize) || initialPageSize < 0) {
      throw new RangeError(`initialPageSize: expected a non-negative integer, received ${initialPageSize}`);
    }
    this.executionTimeoutSeconds = timeout;
    this.core = {
      clock: this.clock,
      limits: resolveLimits(o.limits),
      store: new ExecutionStore(),
      faults: new FaultInjector(),
      events: new BackendEvents(),
      callbacks: new Map(),
      initialPageSize,
    };
    if (o.persistence && saved) this.restore(o.persistence, saved.executions);
  }

  private restore(persistence: BackendPersistence, executions: ReturnType<BackendPersistence["load"]>["executions"]): void {
    const core = this.core;
    core.events.onCommit((changes) => persistence.save(changes, (arn) => core.store.get(arn), core.clock.nowMs()));
    core.events.batch(() => {
      for (const saved of executions) {
        const exec = restoreExecution(core, saved);
        if (exec.status === "RUNNING") core.events.touch(exec.arn);
      }
    });
  }

  /** The limits in force. */
  get limits(): Readonly<BackendLimits> {
    return this.core.limits;
  }

  /**
   * Creates an execution (its EXECUTION operation STARTED, InputPayload = `input`) and arms its
   * timeout. A known (function, name) with the same input returns the existing execution; with
   * another input it throws DurableExecutionAlreadyStartedException. `invocationType` "Event"
   * (an asynchronous invoke) limits the result to `limits.maxEventResultBytes`, as the service does.
   */
  startExecution(o: { functionName?: string; input?: string; executionName?: string; invocationType?: InvocationType } = {}): { executionArn: string } {
    const name = o.functionName ?? "function";
    const timeout = this.functionTimeouts.has(name) ? this.functionTimeouts.get(name) : this.executionTimeoutSeconds;
    return startExecution(this.core, timeout, o);
  }

  /**
   * The execution timeout of executions of `functionName` started from now on (the function's
   * `DurableConfig.ExecutionTimeout`): seconds, 1–31,622,400, or `null` for none.
   */
  setExecutionTimeout(functionName: string, seconds: number | null): void {
    this.functionTimeouts.set(functionName, checkExecutionTimeout(seconds));
  }

  /**
   * Begins one invocation: issues a fresh checkpoint token (earlier tokens stop working) and
   * returns the Lambda event with the pruned state; beyond `initialPageSize` operations the first
   * page is cut and `NextMarker` set (read the rest with {@link InMemoryBackend.getDurableExecutionState}).
   * @throws BackendStateError if an invocation is already open or the execution is terminal.
   */
  beginInvocation(executionArn: string): { requestId: string; event: DurableInvocationEvent } {
    return this.changing(executionArn, () => beginInvocation(this.core, executionArn));
  }

  /**
   * Ends the open invocation with the handler's answer (`{ thrown }` when it rejected) and revokes
   * its token. SUCCEEDED / FAILED end the execution; PENDING with nothing pending fails it with
   * "Cannot return PENDING status with no pending operations"; a throw or a malformed answer is
   * recorded as a failed invocation (status `THROWN`) and the caller decides on re-invocation.
   * The answer is ignored when the execution already ended. Returns the ended invocation (a copy).
   */
  endInvocation(executionArn: string, requestId: string, answer: InvocationAnswer): Invocation {
    return copy(this.changing(executionArn, () => endInvocation(this.core, executionArn, requestId, answer)));
  }

  /** Runs a change of one execution that stores no operation, so a persistence layer still hears of it. */
  private changing<T>(executionArn: string, change: () => T): T {
    return this.core.events.batch(() => {
      const result = change();
      this.core.events.touch(executionArn);
      return result;
    });
  }

  /** Function, name and input of an execution (e.g. to drive one restored from storage). */
  executionSummary(executionArn: string): { functionName: string; executionName: string; input: string | undefined; invocationType: InvocationType } {
    const exec = this.core.store.get(executionArn);
    return { functionName: exec.functionName, executionName: exec.name, input: exec.input, invocationType: exec.invocationType };
  }

  /**
   * True when the execution runs, no invocation is open and it must be invoked now: it was never
   * invoked, or an operation became ready (wait ended, retry due) since the last invocation began.
   */
  needsInvocation(executionArn: string): boolean {
    const exec = this.core.store.get(executionArn);
    return exec.status === "RUNNING" && exec.open === undefined && exec.becameReady;
  }

  /**
   * When the execution's next timer is due (wait end, retry, callback timeout or heartbeat timeout,
   * driver timers), counting only `kinds` if given (e.g. leave out "callback-timeout" and
   * "callback-heartbeat" to keep skip-time from firing them). The execution timeout is not included.
   */
  nextWakeUpMs(executionArn: string, o: { kinds?: readonly TimerKind[] } = {}): number | undefined {
    const exec = this.core.store.get(executionArn);
    let next: number | undefined;
    for (const { kind, handle } of exec.timers.values()) {
      if (o.kinds !== undefined && !o.kinds.includes(kind)) continue;
      if (next === undefined || handle.atMs < next) next = handle.atMs;
    }
    return next;
  }

  /**
   * Schedules a driver timer (e.g. kind "invocation-retry") on the execution: it counts in
   * {@link InMemoryBackend.nextWakeUpMs}, fires on {@link InMemoryBackend.clock} and is dropped when the execution ends.
   */
  scheduleTimer(executionArn: string, kind: TimerKind, atMs: number, fire: () => void): TimerHandle {
    return scheduleDriverTimer(this.core, executionArn, kind, atMs, fire);
  }

  /** True while the execution is RUNNING (not yet terminal). */
  isRunning(executionArn: string): boolean {
    return this.core.store.get(executionArn).status === "RUNNING";
  }

  /** Whether some operation waits on the service (WAIT STARTED, STEP PENDING/READY, …). */
  hasPendingOperations(executionArn: string): boolean {
    return hasPendingWork(this.core.store.get(executionArn));
  }

  /** CheckpointDurableExecution: applies a batch atomically and returns the next token and the delta. */
  checkpointDurableExecution(input: CheckpointDurableExecutionCommandInput): Promise<CheckpointDurableExecutionCommandOutput> {
    return checkpoint(this.core, input);
  }

  /** GetDurableExecutionState: one page of the pruned state, read with the current token. */
  getDurableExecutionState(input: GetDurableExecutionStateCommandInput): Promise<GetDurableExecutionStateCommandOutput> {
    return getExecutionState(this.core, input);
  }

  /** GetDurableExecution: status, timestamps and, with `IncludeExecutionData` (default true), input and result. */
  async getDurableExecution(input: { DurableExecutionArn: string; IncludeExecutionData?: boolean }): Promise<GetDurableExecutionCommandOutput> {
    return describeExecution(this.core, input);
  }

  /** GetDurableExecutionHistory: events oldest first (or `ReverseOrder`), paged by MaxItems / Marker. */
  async getDurableExecutionHistory(input: GetDurableExecutionHistoryCommandInput): Promise<GetDurableExecutionHistoryCommandOutput> {
    return readHistory(this.core.store.get(input?.DurableExecutionArn), input);
  }

  /** StopDurableExecution: the execution becomes STOPPED with the given Error; timers dropped. */
  async stopDurableExecution(input: StopDurableExecutionCommandInput): Promise<StopDurableExecutionCommandOutput> {
    return stopExecution(this.core, input);
  }

  /**
   * SendDurableExecutionCallbackSuccess: the STARTED callback becomes SUCCEEDED with `Result`
   * (bytes or a string, stored as UTF-8 text, at most 1 MiB). Unknown id: ResourceNotFoundException;
   * closed callback or ended execution: CallbackTimeoutException.
   */
  sendDurableExecutionCallbackSuccess(input: SendCallbackSuccessInput): Promise<SendDurableExecutionCallbackSuccessCommandOutput> {
    return sendCallbackSuccess(this.core, input);
  }

  /** SendDurableExecutionCallbackFailure: the STARTED callback becomes FAILED with `Error`; errors as for success. */
  sendDurableExecutionCallbackFailure(input: SendDurableExecutionCallbackFailureCommandInput): Promise<SendDurableExecutionCallbackFailureCommandOutput> {
    return sendCallbackFailure(this.core, input);
  }

  /** SendDurableExecutionCallbackHeartbeat: restarts the callback's heartbeat timeout window; errors as for success. */
  async sendDurableExecutionCallbackHeartbeat(input: SendDurableExecutionCallbackHeartbeatCommandInput): Promise<SendDurableExecutionCallbackHeartbeatCommandOutput> {
    const output = await sendCallbackHeartbeat(this.core, input);
    // The heartbeat re-armed a timer only: tell a persistence layer (the id is known to be valid now).
    const ref = this.core.callbacks.get(input.CallbackId!);
    if (ref) this.core.events.touch(ref.executionArn);
    return output;
  }

  /** Where a CallbackId issued by this backend belongs. */
  findCallback(callbackId: string): CallbackRef | undefined {
    const ref = this.core.callbacks.get(callbackId);
    return ref === undefined ? undefined : { ...ref };
  }

  /** Called after each checkpoint that STARTs a CHAINED_INVOKE is applied; run the target, then {@link InMemoryBackend.completeChainedInvoke}. */
  onChainedInvokeStarted(listener: ChainedInvokeListener): () => void {
    return this.core.events.onChainedInvokeStarted(listener);
  }

  /**
   * Ends a STARTED CHAINED_INVOKE with its target's outcome and makes the parent need an invocation.
   * Returns false (nothing changed) when the op is not STARTED or the execution ended.
   */
  completeChainedInvoke(executionArn: string, operationId: string, outcome: ChainedInvokeOutcome, details?: { childExecutionArn?: string }): boolean {
    return completeChainedInvoke(this.core, executionArn, operationId, outcome, details);
  }

  /** Records the child execution running a chained invoke (ChainedInvokeStarted `DurableExecutionArn`). */
  setChainedInvokeChild(executionArn: string, operationId: string, childArn: string): void {
    setChainedInvokeChild(this.core, executionArn, operationId, childArn);
  }

  /** Called with a copy of each operation after it changed (once the checkpoint / timer / call is applied). */
  onOperationChange(listener: OperationListener): () => void {
    return this.core.events.onOperationChange(listener);
  }

  /**
   * Called with an operation's identity and status (no payloads) after it changed: for whoever
   * only needs to know that something moved, at no copying cost.
   */
  onOperationStatus(listener: OperationChangeListener): () => void {
    return this.core.events.onOperationStatus(listener);
  }

  /** Called with the terminal status when an execution ends. */
  onExecutionChange(listener: ExecutionListener): () => void {
    return this.core.events.onExecutionChange(listener);
  }

  /**
   * Ends a running execution FAILED with `error`, e.g. when the driver gives up re-invoking after
   * repeated invocation failures (the service's retry policy). No-op once the execution ended.
   */
  failExecution(executionArn: string, error: ErrorObject): void {
    finishExecution(this.core, this.core.store.get(executionArn), "FAILED", { error: copy(error ?? {}) });
  }

  /** A transport with the two client-lambda calls an SDK needs, bound to this backend. */
  durableExecutionClient(): InMemoryDurableExecutionClient {
    return {
      checkpoint: (params) => this.checkpointDurableExecution(params),
      getExecutionState: (params) => this.getDurableExecutionState(params),
    };
  }

  /** Every operation, unpruned, in start order, EXECUTION first (copies). */
  getOperations(executionArn: string): Operation[] {
    return [...this.core.store.get(executionArn).ops.values()].map(copy);
  }

  /** One operation (a copy), or undefined when the execution has none of that Id. */
  getOperation(executionArn: string, operationId: string): Operation | undefined {
    const op = this.core.store.get(executionArn).ops.get(operationId);
    return op === undefined ? undefined : copy(op);
  }

  /** The Ids of the execution's CALLBACK operations that are STARTED (open to the outside world). */
  openCallbackIds(executionArn: string): string[] {
    const ids: string[] = [];
    for (const op of this.core.store.get(executionArn).ops.values()) if (op.Type === "CALLBACK" && op.Status === "STARTED") ids.push(op.Id!);
    return ids;
  }

  /** Every invocation so far, the open one last (copies). */
  getInvocations(executionArn: string): Invocation[] {
    return this.core.store.get(executionArn).invocations.map(copy);
  }

  /**
   * Every checkpoint request received for the execution, with its response or error (the updates
   * and response are copies; the error is the very error the call threw).
   */
  checkpointCalls(executionArn: string): CheckpointCall[] {
    return this.core.store.get(executionArn).checkpointLog.map(copyCall);
  }

  /** Every execution ARN, in creation order. */
  listExecutionArns(): string[] {
    return this.core.store.all().map((e) => e.arn);
  }

  /** Makes the next `times` (default 1) calls of `api` fail the given way (see {@link FaultSpec}). */
  injectFault(f: FaultSpec): void {
    this.core.faults.add(f);
  }

  /** Convenience for tests: the updates of every checkpoint, flattened. */
  checkpointedUpdates(executionArn: string): OperationUpdate[] {
    return this.checkpointCalls(executionArn).flatMap((c) => (c.error === undefined ? c.updates : []));
  }
}

/**
 * An execution's history events as stored: shared, not copied. For this package's runners, which
 * keep an ended execution's events for its test result and hand out only copies of them; not part
 * of the package's API. (A function of this module, so it may read the backend's private state.)
 */
export function storedHistory(backend: InMemoryBackend, executionArn: string): readonly Event[] {
  return backend["core"].store.get(executionArn).history;
}

function checkExecutionTimeout(seconds: number | null): number | undefined {
  if (seconds === null) return undefined;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_DURATION_SECONDS) {
    throw new RangeError(`executionTimeoutSeconds: expected an integer from 1 to ${MAX_DURATION_SECONDS} or null (none), received ${seconds}`);
  }
  return seconds;
}

function copyCall(call: CheckpointCall): CheckpointCall {
  const out: CheckpointCall = { ...call, updates: copy(call.updates) };
  if (call.response !== undefined) out.response = copy(call.response);
  return out;
}
