import type { Activity, SuspendReason } from "../operations/host.js";
// node:timers, not the globals: a test that fakes the global timers must not stall the SDK.
import { setImmediate } from "node:timers";

/** The parts of the checkpoint queue the monitor watches. */
interface QueueView {
  readonly isIdle: boolean;
  whenIdle(): Promise<void>;
}

/**
 * A promise that never settles: the await of an operation only the service can advance. A fresh
 * one per await, never a shared one: a shared promise keeps every reaction ever added to it, and
 * with them each suspended invocation's whole state, for the life of the process.
 */
function never(): Promise<never> {
  return new Promise<never>(() => undefined);
}

/**
 * Decides when the invocation suspends: when no SDK work or body runs, the checkpoint queue is
 * idle, at least one operation waits on the service, and that is still true after pending
 * microtasks and callbacks ran (one `setImmediate` turn). No cooldown timer.
 */
export class SuspensionMonitor implements Activity {
  private busy = 0;
  private readonly waiting = new Map<SuspendReason, number>();
  private checkScheduled = false;
  private readonly queue: QueueView;
  private readonly onSuspend: () => void;

  constructor(queue: QueueView, onSuspend: () => void) {
    this.queue = queue;
    this.onSuspend = onSuspend;
  }

  /** Number of operations waiting on the service, by reason. */
  get waitingOn(): ReadonlyMap<SuspendReason, number> {
    return this.waiting;
  }

  get hasWaiting(): boolean {
    return this.waiting.size > 0;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.busy += 1;
    try {
      return await work();
    } finally {
      this.busy -= 1;
      if (this.busy === 0) this.scheduleCheck();
    }
  }

  waitOnService<T = never>(reason: SuspendReason, until?: Promise<T>): Promise<T> {
    this.waiting.set(reason, (this.waiting.get(reason) ?? 0) + 1);
    this.scheduleCheck();
    if (!until) return never();
    return until.then((value) => {
      const left = (this.waiting.get(reason) ?? 1) - 1;
      if (left > 0) this.waiting.set(reason, left);
      else this.waiting.delete(reason);
      return value;
    });
  }

  private scheduleCheck(): void {
    if (this.checkScheduled || this.busy > 0 || this.waiting.size === 0) return;
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      void this.check();
    });
  }

  private async check(): Promise<void> {
    if (this.busy > 0 || this.waiting.size === 0) return;
    if (!this.queue.isIdle) {
      await this.queue.whenIdle();
      this.scheduleCheck();
      return;
    }
    this.onSuspend();
  }
}
