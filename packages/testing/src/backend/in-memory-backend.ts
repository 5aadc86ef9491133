/**
 * An in-process emulation of the Lambda durable execution service (protocol.md §4, §7, §8, §10).
 * It speaks `@aws-sdk/client-lambda` shapes and throws the client's own exception classes, and it
 * never imports SDK code, so it judges any SDK the way the service would.
 */
import type {
  CheckpointDurableExecutionCommandInput,
  CheckpointDurableExecutionCommandOutput,
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  ErrorObject,
  GetDurableExecutionCommandOutput,
  GetDurableExecutionHistoryCommandInput,
  GetDurableExecutionHistoryCommandOutput,
  GetDurableExecutionStateCommandInput,
  GetDurableExecutionStateCommandOutput,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  Operation,
  OperationUpdate,
  StopDurableExecutionCommandInput,
  StopDurableExecutionCommandOutput,
} from "@aws-sdk/client-lambda";
import { VirtualClock } from "../clock/index.js";
import { checkpoint, getExecutionState } from "./checkpoint.js";
import { okMetadata, type BackendCore } from "./core.js";
import { invalidParameter } from "./errors.js";
import { ExecutionStore, functionArn } from "./execution-store.js";
import { FaultInjector, type FaultSpec } from "./faults.js";
import { eventResult, readHistory, recordEvent } from "./history.js";
import { MAX_DURATION_SECONDS, resolveLimits, utf8Bytes, type BackendLimits } from "./limits.js";
import { armExecutionTimeout, finishExecution } from "./lifecycle.js";
import { beginInvocation, endInvocation, hasPendingWork, type DurableInvocationEvent } from "./invocations.js";
import { clone, type CheckpointCall, type Invocation, type InvocationAnswer } from "./model.js";
import { checkErrorObject } from "./validation.js";

/** Options of {@link InMemoryBackend}. */
export interface InMemoryBackendOptions {
  /** Start of virtual time (default: now). Ignored when `clock` is given. */
  startTime?: Date;
  /** Time skipping (default `true`); `false` makes the clock follow real time. Ignored when `clock` is given. */
  skipTime?: boolean;
  /** A clock to share, e.g. with a test runner. */
  clock?: VirtualClock;
  /** Size limits; see {@link BackendLimits}. */
  limits?: Partial<BackendLimits>;
  /** Execution timeout in seconds, 1–31,622,400 (default 86,400). */
  executionTimeoutSeconds?: number;
  /** Operations in the invocation event's first page (default 1000; 0 sends every op through paging). */
  initialPageSize?: number;
}

/** The transport the official testing kit carries on the event (protocol §12); client-lambda shapes. */
export interface InMemoryDurableExecutionClient {
  checkpoint(params: CheckpointDurableExecutionRequest, logger?: unknown): Promise<CheckpointDurableExecutionResponse>;
  getExecutionState(params: GetDurableExecutionStateRequest, logger?: unknown): Promise<GetDurableExecutionStateResponse>;
}

/**
 * In-memory durable execution service.
 *
 * Driving an execution: {@link InMemoryBackend.startExecution}, then repeatedly
 * {@link InMemoryBackend.beginInvocation} → run the handler with the event (its checkpoints go to
 * {@link InMemoryBackend.checkpointDurableExecution} / {@link InMemoryBackend.durableExecutionClient})
 * → {@link InMemoryBackend.endInvocation}; when {@link InMemoryBackend.needsInvocation} is false and
 * the execution still runs, advance {@link InMemoryBackend.clock} to {@link InMemoryBackend.nextWakeUpMs}.
 * Never more than one invocation of an execution is open. CALLBACK and CHAINED_INVOKE updates are
 * rejected for now.
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
  private readonly executionTimeoutSeconds: number;

  constructor(o: InMemoryBackendOptions = {}) {
    this.clock = o.clock ?? new VirtualClock(o.startTime?.getTime(), { skipping: o.skipTime ?? true });
    const timeout = o.executionTimeoutSeconds ?? 86_400;
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_DURATION_SECONDS) {
      throw new RangeError(`executionTimeoutSeconds: expected an integer from 1 to ${MAX_DURATION_SECONDS}, received ${timeout}`);
    }
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
      initialPageSize,
    };
  }

  /** The limits in force. */
  get limits(): Readonly<BackendLimits> {
    return this.core.limits;
  }

  /**
   * Creates an execution (its EXECUTION operation STARTED, InputPayload = `input`) and arms its
   * timeout. A known (function, name) with the same input returns the existing execution; with
   * another input it throws DurableExecutionAlreadyStartedException.
   */
  startExecution(o: { functionName?: string; input?: string; executionName?: string } = {}): { executionArn: string } {
    if (o.input !== undefined && utf8Bytes(o.input) > this.core.limits.maxResponseBytes) {
      throw invalidParameter(`Input payload exceeds ${this.core.limits.maxResponseBytes} bytes`);
    }
    const { exec, created } = this.core.store.create({
      functionName: o.functionName ?? "function",
      input: o.input,
      executionName: o.executionName,
      executionTimeoutSeconds: this.executionTimeoutSeconds,
      now: this.clock.now(),
    });
    if (created) {
      recordEvent(exec, exec.startTimestamp, "ExecutionStarted", exec.ops.get(exec.id), {
        Input: eventResult(o.input),
        ExecutionTimeout: exec.executionTimeoutSeconds,
      });
      armExecutionTimeout(this.clock, exec);
    }
    return { executionArn: exec.arn };
  }

  /**
   * Begins one invocation: issues a fresh checkpoint token (earlier tokens stop working) and
   * returns the Lambda event with the pruned state; beyond `initialPageSize` operations the first
   * page is cut and `NextMarker` set (read the rest with {@link InMemoryBackend.getDurableExecutionState}).
   * @throws BackendStateError if an invocation is already open or the execution is terminal.
   */
  beginInvocation(executionArn: string): { requestId: string; event: DurableInvocationEvent } {
    return beginInvocation(this.core, executionArn);
  }

  /**
   * Ends the open invocation with the handler's answer (`{ thrown }` when it rejected) and revokes
   * its token. SUCCEEDED / FAILED end the execution; PENDING with nothing pending fails it with
   * "Cannot return PENDING status with no pending operations"; a throw or a malformed answer is
   * recorded as a failed invocation (status `THROWN`) and the caller decides on re-invocation.
   * The answer is ignored when the execution already ended.
   */
  endInvocation(executionArn: string, requestId: string, answer: InvocationAnswer): void {
    endInvocation(this.core, executionArn, requestId, answer);
  }

  /**
   * True when the execution runs, no invocation is open and it must be invoked now: it was never
   * invoked, or an operation became ready (wait ended, retry due) since the last invocation began.
   */
  needsInvocation(executionArn: string): boolean {
    const exec = this.core.store.get(executionArn);
    return exec.status === "RUNNING" && exec.open === undefined && exec.becameReady;
  }

  /** When the execution's next operation timer (wait end, retry) is due; the execution timeout is not included. */
  nextWakeUpMs(executionArn: string): number | undefined {
    const exec = this.core.store.get(executionArn);
    let next: number | undefined;
    for (const timer of exec.timers.values()) if (next === undefined || timer.atMs < next) next = timer.atMs;
    return next;
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
    const exec = this.core.store.get(input?.DurableExecutionArn);
    const include = input.IncludeExecutionData !== false;
    const out: GetDurableExecutionCommandOutput = {
      DurableExecutionArn: exec.arn,
      DurableExecutionName: exec.name,
      FunctionArn: functionArn(exec.functionName),
      Status: exec.status,
      StartTimestamp: new Date(exec.startTimestamp),
      Version: "$LATEST",
      ExecutionDataIncluded: include,
      DurableConfig: { ExecutionTimeout: exec.executionTimeoutSeconds },
      $metadata: okMetadata(),
    };
    if (exec.endTimestamp) out.EndTimestamp = new Date(exec.endTimestamp);
    if (include && exec.input !== undefined) out.InputPayload = exec.input;
    if (include && exec.status === "SUCCEEDED" && exec.result !== undefined) out.Result = exec.result;
    if (exec.status !== "SUCCEEDED" && exec.error !== undefined) out.Error = clone(exec.error);
    return out;
  }

  /** GetDurableExecutionHistory: events oldest first (or `ReverseOrder`), paged by MaxItems / Marker. */
  async getDurableExecutionHistory(input: GetDurableExecutionHistoryCommandInput): Promise<GetDurableExecutionHistoryCommandOutput> {
    return readHistory(this.core.store.get(input?.DurableExecutionArn), input);
  }

  /** StopDurableExecution: the execution becomes STOPPED with the given Error; timers dropped. */
  async stopDurableExecution(input: StopDurableExecutionCommandInput): Promise<StopDurableExecutionCommandOutput> {
    const exec = this.core.store.get(input?.DurableExecutionArn);
    if (input.Error !== undefined) {
      const problem = checkErrorObject("Error", input.Error, this.core.limits);
      if (problem) throw invalidParameter(problem);
    }
    if (exec.status !== "RUNNING") throw invalidParameter(`Execution is already ${exec.status}`);
    finishExecution(this.clock, exec, "STOPPED", { error: input.Error === undefined ? undefined : clone(input.Error) });
    return { StopTimestamp: new Date(exec.endTimestamp!), $metadata: okMetadata() };
  }

  /**
   * Ends a running execution FAILED with `error`, e.g. when the driver gives up re-invoking after
   * repeated invocation failures (the service's retry policy). No-op once the execution ended.
   */
  failExecution(executionArn: string, error: ErrorObject): void {
    finishExecution(this.clock, this.core.store.get(executionArn), "FAILED", { error: clone(error ?? {}) });
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
    return clone([...this.core.store.get(executionArn).ops.values()]);
  }

  /** Every invocation so far, the open one last (copies). */
  getInvocations(executionArn: string): Invocation[] {
    return clone(this.core.store.get(executionArn).invocations);
  }

  /** Every checkpoint request received for the execution, with its response or error. */
  checkpointCalls(executionArn: string): CheckpointCall[] {
    return [...this.core.store.get(executionArn).checkpointLog];
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
