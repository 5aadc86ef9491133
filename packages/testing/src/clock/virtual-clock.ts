/**
 * A clock owned by one backend (or one test runner), never a global.
 *
 * Two modes:
 * - **time skipping** (`skipping: true`, the default): time stands still until someone calls
 *   {@link VirtualClock.advanceTo}, {@link VirtualClock.advance} or {@link VirtualClock.advanceToNext};
 *   timers fire only then, in timestamp order.
 * - **real time** (`skipping: false`): the clock follows the host's wall clock, offset so that it
 *   starts at `startMs`; timers fire on a real `setTimeout`. `advance*` still works and moves the
 *   clock ahead of real time by the amount skipped.
 *
 * No global fake timers are installed and `Date` is never patched, so several clocks can run side
 * by side and beside `vi.useFakeTimers()`.
 */
import { clearTimeout, realNow, setTimeout } from "./real-time.js";

// From node:timers and node:perf_hooks, never the globals: a test that installs fake timers, before
// or after this module loads, does not freeze a real-time clock (see real-time.ts).
const realSetTimeout = setTimeout;
const realClearTimeout = clearTimeout;
const realDateNow = realNow;
// setTimeout fires at once for delays above 2^31-1 ms (~24.8 days); longer waits re-arm on wake-up.
const MAX_REAL_DELAY_MS = 2_147_483_647;

/** A scheduled timer; {@link TimerHandle.cancel} is idempotent and a no-op after it fired. */
export interface TimerHandle {
  /** Stops the timer from firing. */
  cancel(): void;
  /** The virtual instant (epoch ms) at which the timer fires. */
  readonly atMs: number;
}

/** An amount of time to advance by; the fields add up. */
export type ClockAdvance = { days?: number; hours?: number; minutes?: number; seconds?: number } | { milliseconds: number };

/** Options of {@link VirtualClock}. */
export interface VirtualClockOptions {
  /** `true` (default): time moves only when advanced. `false`: time follows the wall clock. */
  skipping?: boolean;
}

interface Timer {
  atMs: number;
  seq: number;
  fire: () => void;
  label?: string;
  cancelled: boolean;
}

/** Converts a {@link ClockAdvance} into milliseconds; throws a `RangeError` for negative or non-finite amounts. */
export function clockAdvanceToMs(by: ClockAdvance): number {
  const ms = "milliseconds" in by ? by.milliseconds : (by.days ?? 0) * 86_400_000 + (by.hours ?? 0) * 3_600_000 + (by.minutes ?? 0) * 60_000 + (by.seconds ?? 0) * 1000;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`advance: expected a finite, non-negative duration, received ${JSON.stringify(by)}`);
  }
  return ms;
}

/**
 * Virtual clock with ordered timers: timers fire in timestamp order, ties in scheduling order, and a
 * timer scheduled by a firing timer fires in the same advance when it falls within the target.
 *
 * @example
 * const clock = new VirtualClock(Date.UTC(2026, 0, 1));
 * clock.schedule(clock.nowMs() + 5_000, () => console.log("five seconds later"));
 * await clock.advance({ seconds: 5 });
 */
export class VirtualClock {
  private skippingOn: boolean;
  private startMs: number;
  private realStartMs: number;
  /** Skipping mode: the current instant. Real-time mode: extra offset added by `advance*`. */
  private virtualMs: number;
  private offsetMs = 0;
  private seq = 0;
  private timers: Timer[] = [];
  private realTimer: ReturnType<typeof setTimeout> | undefined;
  private realTimerAt: number | undefined;

  /**
   * @param startMs - the initial instant in epoch ms (default: the current wall-clock time).
   * @param options - `skipping` (default `true`).
   */
  constructor(startMs?: number, options?: VirtualClockOptions) {
    this.startMs = startMs ?? realDateNow();
    this.realStartMs = realDateNow();
    this.virtualMs = this.startMs;
    this.skippingOn = options?.skipping ?? true;
  }

  /** `true` when time moves only on `advance*`; `false` when it follows the wall clock. */
  get skipping(): boolean {
    return this.skippingOn;
  }

  /**
   * Switches between time skipping and real time from the current instant on (time never moves
   * back); pending timers keep their instants.
   */
  setSkipping(on: boolean): void {
    if (on === this.skippingOn) return;
    const now = this.nowMs();
    this.skippingOn = on;
    this.virtualMs = now;
    this.startMs = now;
    this.realStartMs = realDateNow();
    this.offsetMs = 0;
    if (on && this.realTimer !== undefined) {
      realClearTimeout(this.realTimer);
      this.realTimer = undefined;
      this.realTimerAt = undefined;
    }
    this.armRealTimer();
  }

  /** The current instant in epoch milliseconds. */
  nowMs(): number {
    if (this.skipping) return this.virtualMs;
    // Never run backwards, even if the host clock does.
    this.virtualMs = Math.max(this.virtualMs, this.startMs + (realDateNow() - this.realStartMs) + this.offsetMs);
    return this.virtualMs;
  }

  /** The current instant as a new `Date`. */
  now(): Date {
    return new Date(this.nowMs());
  }

  /**
   * Schedules `fire` at `atMs` (epoch ms). A time in the past fires at the next advance (or, in
   * real-time mode, at once on a macrotask). `fire` runs synchronously and may schedule more timers.
   */
  schedule(atMs: number, fire: () => void, label?: string): TimerHandle {
    if (!Number.isFinite(atMs)) throw new RangeError(`schedule: atMs must be finite, received ${atMs}`);
    const timer: Timer = { atMs, seq: this.seq++, fire, label, cancelled: false };
    // Insert after every timer with atMs <= this one: timestamp order, ties in scheduling order.
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // mid < hi <= timers.length: always an index of the array.
      if (this.timers[mid]!.atMs <= atMs) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, timer);
    this.armRealTimer();
    return {
      atMs,
      cancel: () => {
        if (timer.cancelled) return;
        timer.cancelled = true;
        const i = this.timers.indexOf(timer);
        if (i >= 0) this.timers.splice(i, 1);
        this.armRealTimer();
      },
    };
  }

  /** The instant of the earliest pending timer, or `undefined` when none is pending. */
  nextDueMs(): number | undefined {
    return this.timers[0]?.atMs;
  }

  /** The pending timers in firing order (for diagnostics). */
  pendingTimers(): { atMs: number; label?: string }[] {
    return this.timers.map((t) => ({ atMs: t.atMs, label: t.label }));
  }

  /**
   * Moves time forward to `ms`, firing every timer due by then in order; each fire sees `nowMs()`
   * equal to its own timestamp. A target in the past does not move time back but still fires due
   * timers. Yields a microtask after each fire so promise continuations can run.
   * If a timer throws, the remaining due timers still fire and the first error is rethrown.
   */
  async advanceTo(ms: number): Promise<void> {
    let firstError: { error: unknown } | undefined;
    for (;;) {
      const next = this.timers[0];
      if (next === undefined || next.atMs > ms) break;
      const error = this.fireFirst();
      if (error && !firstError) firstError = error;
      await Promise.resolve();
    }
    this.moveTo(ms);
    this.armRealTimer();
    if (firstError) throw firstError.error;
  }

  /** Moves time forward by the given amount (see {@link VirtualClock.advanceTo}). */
  async advance(by: ClockAdvance): Promise<void> {
    await this.advanceTo(this.nowMs() + clockAdvanceToMs(by));
  }

  /**
   * Jumps to the next timer's instant (never backwards) and fires every timer due at that instant,
   * including ones scheduled for it by those fires. Resolves `false` when no timer is pending.
   */
  async advanceToNext(): Promise<boolean> {
    const next = this.timers[0];
    if (next === undefined) return false;
    await this.advanceTo(Math.max(next.atMs, this.nowMs()));
    return true;
  }

  private moveTo(ms: number): void {
    const now = this.nowMs();
    if (ms <= now) return;
    if (this.skipping) this.virtualMs = ms;
    else {
      this.offsetMs += ms - now;
      this.virtualMs = ms;
    }
  }

  /** Removes and fires the earliest timer; returns the error it threw, if any. */
  private fireFirst(): { error: unknown } | undefined {
    const timer = this.timers.shift();
    if (!timer) return undefined;
    this.moveTo(timer.atMs);
    timer.cancelled = true;
    try {
      timer.fire();
      return undefined;
    } catch (error) {
      return { error };
    }
  }

  /** Real-time mode: keep one host timer armed for the earliest virtual timer. */
  private armRealTimer(): void {
    if (this.skipping) return;
    const next = this.timers[0];
    if (next === undefined) {
      if (this.realTimer !== undefined) realClearTimeout(this.realTimer);
      this.realTimer = undefined;
      this.realTimerAt = undefined;
      return;
    }
    if (this.realTimer !== undefined && this.realTimerAt === next.atMs) return;
    if (this.realTimer !== undefined) realClearTimeout(this.realTimer);
    this.realTimerAt = next.atMs;
    this.realTimer = realSetTimeout(
      () => {
        this.realTimer = undefined;
        this.realTimerAt = undefined;
        this.fireDueRealTime();
      },
      Math.min(MAX_REAL_DELAY_MS, Math.max(0, next.atMs - this.nowMs())),
    );
    // Unref'd: a service timer is not work of a handler running in this process (the SDK counts the
    // handler's own timers before it suspends). Whoever waits for the clock keeps the process alive.
    this.realTimer.unref?.();
  }

  private fireDueRealTime(): void {
    let firstError: { error: unknown } | undefined;
    while (this.timers[0] !== undefined && this.timers[0].atMs <= this.nowMs()) {
      const error = this.fireFirst();
      if (error && !firstError) firstError = error;
    }
    this.armRealTimer();
    // Nobody awaits a real-time fire: surface the failure like any timer callback would.
    if (firstError) throw firstError.error;
  }
}
