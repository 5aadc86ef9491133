import type { Operation } from "@aws-sdk/client-lambda";
import { observationOfCurrentOperation, type Observation } from "../operations/durable-promise.js";
import type { Activity, SuspendReason } from "../operations/host.js";
// node:timers, not the globals: a test that fakes the global timers must not stall the SDK.
import { clearTimeout, setImmediate, setTimeout } from "node:timers";
import type { DeadlineWatch } from "./deadline.js";
import type { HandlerResources } from "./handler-resources.js";
import { ServicePoller, type Sleeper } from "./service-poller.js";

/** The parts of the checkpoint queue the monitor watches. */
interface QueueView {
  readonly isIdle: boolean;
  whenIdle(): Promise<void>;
  poll(): Promise<void>;
}

export interface SuspensionMonitorOptions {
  queue: QueueView;
  onSuspend(): void;
  /** The operation as the log holds it (for the time its timer fires). */
  lookup(operationId: string): Operation | undefined;
  /** The service clock, epoch ms. */
  now(): number;
  /** Sleeps until an instant of the service clock (the transport's when it offers one). */
  sleepUntil?: Sleeper;
  deadline?: DeadlineWatch;
  /** The handler's own timers and sockets; absent = never counted. */
  resources?: HandlerResources;
  /** Told once when the handler's own work has kept a suspension back for `warnAfterMs`. */
  onHeldBack?(kinds: string[], heldMs: number): void;
}

/** One operation waiting on the service. */
interface Waiter {
  reason: SuspendReason;
  /** Absent for an operation started outside a durable promise: counted as awaited. */
  observation: Observation | undefined;
  operationId: string | undefined;
}

/**
 * A promise that never settles: the await of an operation only the service can advance. A fresh
 * one per await, never a shared one: a shared promise keeps every reaction ever added to it, and
 * with them each suspended invocation's whole state, for the life of the process.
 */
function never(): Promise<never> {
  return new Promise<never>(() => undefined);
}
/** How often the handler's own work is looked at again while it keeps a suspension back. */
const RECHECK_MS = 10;
const WARN_AFTER_MS = 10_000;

/**
 * Decides when the invocation suspends (docs/concepts.md, "When an invocation suspends"): when
 * no SDK work or step body runs, the checkpoint queue is idle, an operation someone awaits waits
 * on the service, and the handler holds no timer, socket or request of its own — or the Lambda
 * deadline is near. Checked one `setImmediate` turn after the last change. While a step body
 * runs, the service is asked for the waits and retries that fall due (see `ServicePoller`), so
 * they continue in this invocation.
 */
export class SuspensionMonitor implements Activity {
  private busy = 0;
  private bodies = 0;
  private readonly waiters = new Set<Waiter>();
  private checkScheduled = false;
  private recheck: ReturnType<typeof setTimeout> | undefined;
  private heldSince: number | undefined;
  private warned = false;
  private closed = false;
  private readonly options: SuspensionMonitorOptions;
  private readonly poller: ServicePoller;

  constructor(options: SuspensionMonitorOptions) {
    this.options = options;
    this.poller = new ServicePoller({ poll: () => options.queue.poll(), now: options.now, sleepUntil: options.sleepUntil });
    options.deadline?.onPass(() => this.scheduleCheck());
  }

  /** Number of operations waiting on the service, by reason. */
  get waitingOn(): ReadonlyMap<SuspendReason, number> {
    const counts = new Map<SuspendReason, number>();
    for (const waiter of this.waiters) counts.set(waiter.reason, (counts.get(waiter.reason) ?? 0) + 1);
    return counts;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.enter();
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  enter(): void {
    this.busy += 1;
  }

  leave(): void {
    this.busy -= 1;
    if (this.busy === 0) this.scheduleCheck();
  }

  enterBody(): void {
    this.bodies += 1;
    if (this.bodies === 1) this.planPoll();
  }

  leaveBody(): void {
    this.bodies -= 1;
    if (this.bodies === 0) this.poller.cancel();
  }

  waitOnService<T = never>(reason: SuspendReason, until?: Promise<T>, operationId?: string): Promise<T> {
    const waiter: Waiter = { reason, observation: observationOfCurrentOperation(), operationId };
    this.waiters.add(waiter);
    waiter.observation?.onObserved(() => this.scheduleCheck());
    this.scheduleCheck();
    this.planPoll();
    if (!until) return never();
    return until.finally(() => {
      this.waiters.delete(waiter);
      this.poller.progressed();
      this.planPoll();
    });
  }

  /** Stops every timer (the invocation answered). */
  close(): void {
    this.closed = true;
    this.poller.cancel();
    if (this.recheck) clearTimeout(this.recheck);
  }

  /** While a body runs here, ask the service at the time the earliest timer falls due. */
  private planPoll(): void {
    if (this.closed || this.bodies === 0) return this.poller.cancel();
    let due: number | undefined;
    for (const waiter of this.waiters) {
      const at = waiter.operationId === undefined ? undefined : timerDueMs(this.options.lookup(waiter.operationId));
      if (at !== undefined && (due === undefined || at < due)) due = at;
    }
    if (due === undefined) this.poller.cancel();
    else this.poller.pollAt(due, () => this.planPoll());
  }

  private hasAwaitedWaiter(): boolean {
    for (const waiter of this.waiters) if (waiter.observation === undefined || waiter.observation.observed) return true;
    return false;
  }

  private scheduleCheck(): void {
    if (this.closed || this.checkScheduled || this.busy > 0 || this.waiters.size === 0) return;
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      void this.check();
    });
  }

  private async check(): Promise<void> {
    if (this.closed || this.busy > 0 || !this.hasAwaitedWaiter()) return;
    if (!this.options.queue.isIdle) {
      await this.options.queue.whenIdle();
      this.scheduleCheck();
      return;
    }
    const held = this.options.deadline?.passed ? [] : (this.options.resources?.held() ?? []);
    if (held.length > 0) {
      this.holdBack(held);
      return;
    }
    this.heldSince = undefined;
    this.options.onSuspend();
  }

  /** The handler's own work still runs: look again shortly (its end fires no event the SDK sees). */
  private holdBack(kinds: string[]): void {
    const now = Date.now();
    this.heldSince ??= now;
    if (!this.warned && now - this.heldSince >= WARN_AFTER_MS) {
      this.warned = true;
      this.options.onHeldBack?.(kinds, now - this.heldSince);
    }
    if (this.recheck) clearTimeout(this.recheck);
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      this.scheduleCheck();
    }, RECHECK_MS);
    this.recheck.unref();
  }
}

/** When the service fires the timer an operation waits for: a wait's end, a retry's next attempt. */
function timerDueMs(operation: Operation | undefined): number | undefined {
  const at = operation?.WaitDetails?.ScheduledEndTimestamp ?? operation?.StepDetails?.NextAttemptTimestamp;
  if (at === undefined || at === null) return undefined;
  const ms = at instanceof Date ? at.getTime() : typeof at === "number" ? at : Date.parse(String(at));
  return Number.isFinite(ms) ? ms : undefined;
}
