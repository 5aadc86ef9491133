/** A lease clock that moves when a test says so (and, by default, when a call sleeps in a lock wait). */
import type { Clock } from "../time/clock.js";

export class ManualClock implements Clock {
  private t: number;
  /** When true, `sleep(ms)` moves the clock by `ms`, so lock waits time out without real waiting. */
  readonly advanceOnSleep: boolean;

  constructor(o: { start?: number; advanceOnSleep?: boolean } = {}) {
    this.t = o.start ?? Date.UTC(2026, 0, 1);
    this.advanceOnSleep = o.advanceOnSleep ?? true;
  }

  now(): number {
    return this.t;
  }

  /** Moves the clock forward (leases lapse, in-flight messages become visible). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: expected a number of milliseconds >= 0, received ${ms}`);
    this.t += ms;
  }

  sleep(ms: number): Promise<void> {
    // Yield to other tasks (a macrotask, so the lease holder can finish), then let the time pass.
    return new Promise((resolve) =>
      setImmediate(() => {
        if (this.advanceOnSleep) this.t += Math.max(0, ms);
        resolve();
      }),
    );
  }
}
