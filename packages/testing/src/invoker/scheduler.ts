/**
 * The part of the local Lambda service that invokes functions, on top of the service emulator
 * (`../backend/`): it runs invocations, retries failed ones, runs chained invokes' targets and,
 * with time skipping, moves the virtual clock when nothing else can happen.
 */
import { randomUUID } from "node:crypto";
import { toErrorObject, type InMemoryBackend, type TimerKind } from "../backend/index.js";
import { realNow, setImmediate } from "../clock/real-time.js";
import { Waker } from "../clock/waker.js";
import { FunctionRegistry, type LambdaHandler } from "./function-registry.js";
import { withInvocationTimeout } from "./invocation-timeout.js";
import type { LocalLambdaContext } from "./lambda-context.js";

/** How long (virtual) a failed invocation waits before Lambda retries it, and after how many failures in a row the execution fails. */
export const INVOCATION_RETRY_DELAY_MS = 5_000;
export const MAX_CONSECUTIVE_INVOCATION_FAILURES = 5;
/**
 * Wall time a running invocation's sleeper must last, counted from the first event-loop turn it
 * survives, before a skipping clock jumps to it.
 */
export const SLEEPER_GRACE_MS = 50;

export interface SchedulerOptions {
  /** Builds the Lambda context of one invocation. */
  lambdaContext(functionName: string, requestId: string): LocalLambdaContext;
  /** Builds the event a durable handler receives (the runner adds the transport to it). */
  wrapEvent(event: ReturnType<InMemoryBackend["beginInvocation"]>["event"]): unknown;
  /** The function timeout (real ms) the scheduler enforces on an invocation of `functionName`; undefined: none (someone else enforces it). */
  invocationTimeoutMs?(functionName: string): number | undefined;
  /** Callback timers the clock must not skip (a test is about to answer them). */
  isWatchedCallback?(executionArn: string, operationId: string): boolean;
}

/** A running invocation sleeping until `atMs`; `sinceWallMs` is set once it survived an event-loop turn. */
interface Sleeper {
  atMs: number;
  sinceWallMs: number | undefined;
}

interface ExecutionState {
  functionName: string;
  consecutiveFailures: number;
  retryAtMs?: number;
}

/**
 * The part of the service that invokes functions: runs an invocation whenever an execution needs
 * one (start, timer fired, callback completed, chained invoke finished), never two at once for
 * one execution, retries failed invocations, runs chained invokes, and, with time skipping, moves
 * the virtual clock to the next timer whenever nothing else can happen.
 */
export class InvocationScheduler {
  readonly functions = new FunctionRegistry();
  private readonly executions = new Map<string, ExecutionState>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly running = new Set<string>();
  /** Child execution → the CHAINED_INVOKE operation waiting for it. */
  private readonly parents = new Map<string, { executionArn: string; operationId: string }>();
  /** Wakes the run loop on the next change; its timer keeps the process alive only while nothing runs. */
  private readonly waker = new Waker();
  /** Instants running invocations sleep until (an SDK asking the service when a timer falls due). */
  private readonly sleepers = new Set<Sleeper>();
  private readonly backend: InMemoryBackend;
  private readonly options: SchedulerOptions;

  constructor(backend: InMemoryBackend, options: SchedulerOptions) {
    this.backend = backend;
    this.options = options;
    backend.onChainedInvokeStarted((started) => this.track(this.runChainedInvoke(started)));
    backend.onOperationStatus(() => this.poke());
    backend.onExecutionChange((executionArn) => {
      this.track(this.completeParentOf(executionArn));
      this.poke();
    });
  }

  registerDurableFunction(name: string, handler: LambdaHandler): void {
    this.functions.register(name, { kind: "durable", handler });
  }

  registerFunction(name: string, handler: LambdaHandler): void {
    this.functions.register(name, { kind: "plain", handler });
  }

  /** Starts an execution of a registered durable function. */
  start(functionName: string, input: string | undefined, executionName?: string): string {
    const { executionArn } = this.backend.startExecution({ functionName, input, executionName });
    this.executions.set(executionArn, { functionName, consecutiveFailures: 0 });
    this.poke();
    return executionArn;
  }

  /**
   * Drives every execution until `executionArn` ends. Rejects when nothing can advance it (and no
   * change arrives within `idleTimeoutMs` of wall time) or `deadline` passes.
   */
  async runUntilDone(executionArn: string, options: { wallTimeoutMs: number }): Promise<void> {
    const deadline = realNow() + options.wallTimeoutMs;
    for (;;) {
      if (this.isDone(executionArn)) return;
      if (this.launchDueInvocations()) continue;
      if (this.inFlight.size > 0) {
        const sleeping = this.backend.clock.skipping ? this.nextSleeper() : undefined;
        if (sleeping && sleeping.eligibleAtWallMs <= realNow()) {
          // A running invocation waits for a timer of the service while its step body runs in real
          // time: skip to it, as the clock skips when nothing runs.
          const next = this.nextWakeUpMs();
          await this.backend.clock.advanceTo(next === undefined ? sleeping.atMs : Math.min(sleeping.atMs, next));
          continue;
        }
        if (realNow() >= deadline) {
          throw new Error(
            `run() timed out after ${options.wallTimeoutMs} ms with an invocation still running (a handler that never settles?): ${this.describePending(executionArn)}`,
          );
        }
        await this.nextEvent(sleeping ? Math.min(deadline, sleeping.eligibleAtWallMs) : deadline);
        continue;
      }
      const next = this.nextWakeUpMs();
      const clock = this.backend.clock;
      if (next !== undefined && clock.skipping) {
        await clock.advanceTo(next);
        continue;
      }
      if (realNow() >= deadline) throw new Error(`run() timed out after ${options.wallTimeoutMs} ms: ${this.describePending(executionArn)}`);
      if (next === undefined && !this.mayReceiveOutsideInput(executionArn)) {
        throw new Error(`Execution is stuck: nothing can advance it. ${this.describePending(executionArn)}`);
      }
      // Real time, or waiting for a test to answer a callback.
      await this.nextEvent(next === undefined ? deadline : Math.min(deadline, realNow() + Math.max(1, next - clock.nowMs())));
    }
  }

  /**
   * Resolves when the virtual clock reaches `atMs` (or `signal` aborts): how a running invocation
   * sleeps until a timer of the service falls due. With time skipping the clock moves there at once.
   */
  sleepUntil(atMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const sleeper: Sleeper = { atMs, sinceWallMs: undefined };
      // The grace starts one event-loop turn later: a body that ends within the microtasks that
      // started it (most step bodies in tests) has cancelled the sleep by then, so a host stalled
      // in those microtasks (CPU starvation, GC) cannot make the clock jump while it "runs".
      setImmediate(() => {
        if (!this.sleepers.has(sleeper)) return;
        sleeper.sinceWallMs = realNow();
        this.poke();
      });
      const done = () => {
        this.sleepers.delete(sleeper);
        handle.cancel();
        signal.removeEventListener("abort", done);
        resolve();
      };
      const handle = this.backend.clock.schedule(atMs, done, "sleeper");
      this.sleepers.add(sleeper);
      signal.addEventListener("abort", done);
      this.poke();
    });
  }

  /**
   * The earliest sleeper past its first event-loop turn, and when (wall time) the clock may skip to
   * it: only once it has slept {@link SLEEPER_GRACE_MS} more, so a step body of a few milliseconds
   * ends first and the run does not depend on how fast the host is (the other operation then
   * completes in the next invocation).
   */
  private nextSleeper(): { atMs: number; eligibleAtWallMs: number } | undefined {
    let next: { atMs: number; sinceWallMs: number } | undefined;
    for (const { atMs, sinceWallMs } of this.sleepers) {
      if (sinceWallMs !== undefined && (next === undefined || atMs < next.atMs)) next = { atMs, sinceWallMs };
    }
    return next && { atMs: next.atMs, eligibleAtWallMs: next.sinceWallMs + SLEEPER_GRACE_MS };
  }

  private isDone(executionArn: string): boolean {
    return !this.backend.isRunning(executionArn) && !this.running.has(executionArn);
  }

  /** Starts an invocation for every execution that needs one; true if any started. */
  private launchDueInvocations(): boolean {
    let launched = false;
    const now = this.backend.clock.nowMs();
    for (const [executionArn, state] of this.executions) {
      if (this.running.has(executionArn) || !this.backend.isRunning(executionArn)) continue;
      const retryDue = state.retryAtMs !== undefined && state.retryAtMs <= now;
      if (!retryDue && !(state.retryAtMs === undefined && this.backend.needsInvocation(executionArn))) continue;
      state.retryAtMs = undefined;
      this.running.add(executionArn);
      this.track(this.invoke(executionArn, state).finally(() => this.running.delete(executionArn)));
      launched = true;
    }
    return launched;
  }

  private async invoke(executionArn: string, state: ExecutionState): Promise<void> {
    const registered = this.functions.resolve(state.functionName);
    if (!registered || registered.kind !== "durable") {
      this.backend.failExecution(executionArn, { ErrorType: "ResourceNotFoundException", ErrorMessage: `No durable function registered as ${state.functionName}` });
      return;
    }
    const { requestId, event } = this.backend.beginInvocation(executionArn);
    let answer: unknown;
    let thrown: unknown;
    let threw = false;
    try {
      const running = Promise.resolve().then(() => registered.handler(this.options.wrapEvent(event), this.options.lambdaContext(state.functionName, requestId)));
      // Past the timeout the invocation ends failed, as Lambda ends it, and is retried below.
      answer = await withInvocationTimeout(running, this.options.invocationTimeoutMs?.(state.functionName));
    } catch (error) {
      threw = true;
      thrown = error;
    }
    const last = this.backend.endInvocation(executionArn, requestId, threw ? { thrown } : (answer as never));
    if (last.status !== "THROWN") {
      state.consecutiveFailures = 0;
      return;
    }
    // A failed invocation (thrown or malformed answer): Lambda retries it after a delay.
    state.consecutiveFailures += 1;
    if (state.consecutiveFailures >= MAX_CONSECUTIVE_INVOCATION_FAILURES) {
      this.backend.failExecution(executionArn, last.error ?? { ErrorType: "InvocationFailed", ErrorMessage: "The invocation failed" });
      return;
    }
    state.retryAtMs = this.backend.clock.nowMs() + INVOCATION_RETRY_DELAY_MS;
  }

  /** Runs the target of a CHAINED_INVOKE: a plain function once, a durable one as a child execution. */
  private async runChainedInvoke(started: { executionArn: string; operationId: string; functionName: string; payload?: string }): Promise<void> {
    const { executionArn, operationId, functionName, payload } = started;
    const target = this.functions.resolve(functionName);
    if (!target) {
      this.backend.completeChainedInvoke(executionArn, operationId, {
        status: "FAILED",
        error: { ErrorType: "ResourceNotFoundException", ErrorMessage: `Function not found: ${functionName}` },
      });
      return;
    }
    if (target.kind === "durable") {
      // A child execution, driven like any other; its end completes the operation (completeParentOf).
      const childArn = this.start(functionName, payload);
      this.parents.set(childArn, { executionArn, operationId });
      this.backend.setChainedInvokeChild(executionArn, operationId, childArn);
      return;
    }
    try {
      const value = await target.handler(payload ? JSON.parse(payload) : {}, this.options.lambdaContext(functionName, randomUUID()));
      this.backend.completeChainedInvoke(executionArn, operationId, { status: "SUCCEEDED", result: value === undefined ? undefined : JSON.stringify(value) });
    } catch (error) {
      this.backend.completeChainedInvoke(executionArn, operationId, { status: "FAILED", error: toErrorObject(error) });
    }
  }

  /** When a child execution ends, its outcome completes the parent's CHAINED_INVOKE. */
  private async completeParentOf(childArn: string): Promise<void> {
    const parent = this.parents.get(childArn);
    if (!parent || this.backend.isRunning(childArn)) return;
    this.parents.delete(childArn);
    const child = await this.backend.getDurableExecution({ DurableExecutionArn: childArn });
    const status = child.Status as "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED";
    this.backend.completeChainedInvoke(
      parent.executionArn,
      parent.operationId,
      status === "SUCCEEDED" ? { status, result: child.Result } : { status, error: child.Error },
      { childExecutionArn: childArn },
    );
  }

  private nextWakeUpMs(): number | undefined {
    let next: number | undefined;
    for (const [executionArn, state] of this.executions) {
      if (!this.backend.isRunning(executionArn)) continue;
      const candidates = [state.retryAtMs, this.backend.nextWakeUpMs(executionArn, { kinds: this.skippableKinds(executionArn) })];
      for (const at of candidates) if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  /** Callback timeouts of a callback a test holds a handle on are not skipped: the test answers first. */
  private skippableKinds(executionArn: string): TimerKind[] | undefined {
    const isWatched = this.options.isWatchedCallback;
    if (isWatched === undefined) return undefined;
    const watched = this.backend.openCallbackIds(executionArn).some((operationId) => isWatched(executionArn, operationId));
    return watched ? ["wait", "retry", "invocation-retry"] : undefined;
  }

  /** True while some callback is open: a test (or another process) may still complete it. */
  private mayReceiveOutsideInput(executionArn: string): boolean {
    return [...this.executions.keys()].some((arn) => this.backend.isRunning(arn) && this.backend.openCallbackIds(arn).length > 0) || executionArn === "";
  }

  private describePending(executionArn: string): string {
    const pending = this.backend.getOperations(executionArn).filter((op) => op.Type !== "EXECUTION" && (op.Status === "STARTED" || op.Status === "PENDING"));
    if (pending.length === 0) return "no operation is pending";
    return `pending operations: ${pending.map((op) => `${op.Type}${op.Name ? ` "${op.Name}"` : ""} (${op.Status})`).join(", ")}`;
  }

  private track(work: Promise<void>): void {
    const tracked = work
      .catch(() => undefined)
      .finally(() => {
        this.inFlight.delete(tracked);
        this.refWaitTimer();
        this.poke();
      });
    this.inFlight.add(tracked);
    this.refWaitTimer();
  }

  /**
   * The scheduler's own wait keeps the process alive only while nothing runs: a running handler
   * keeps it alive itself, and the SDK counts ref'd timers created during an invocation as the
   * handler's own work (which holds its suspension back).
   */
  private refWaitTimer(): void {
    this.waker.keepAlive(this.inFlight.size === 0);
  }

  private poke(): void {
    this.waker.wake();
  }

  /** Resolves on the next change (an invocation ended, an operation or execution changed) or at `untilMs` (wall time). */
  private nextEvent(untilMs: number): Promise<void> {
    this.refWaitTimer();
    return this.waker.sleep(untilMs - realNow());
  }
}

const schedulers = new WeakMap<InMemoryBackend, InvocationScheduler>();

/** The one scheduler of a backend (runners sharing a backend share it, so nothing runs twice). */
export function schedulerFor(backend: InMemoryBackend, options: SchedulerOptions): InvocationScheduler {
  let scheduler = schedulers.get(backend);
  if (!scheduler) {
    scheduler = new InvocationScheduler(backend, options);
    schedulers.set(backend, scheduler);
  }
  return scheduler;
}
