/**
 * How a loop that waits for "something changed" sleeps: {@link Waker.sleep} resolves at the next
 * {@link Waker.wake} or after a stretch of real time, whichever comes first. The scheduler, the
 * server's execution driver and a streamed response's reader wait this way.
 */
import { clearTimeout, setTimeout } from "./real-time.js";

/** Longest delay a Node timer takes (larger ones fire at once). */
const MAX_TIMER_MS = 2_147_483_647;

export class Waker {
  private wakeUp: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private keepsAlive: boolean;

  /** `keepAlive`: whether a sleep's timer keeps the process alive (default true); see {@link Waker.keepAlive}. */
  constructor(o: { keepAlive?: boolean } = {}) {
    this.keepsAlive = o.keepAlive ?? true;
  }

  /** Ends every pending sleep now. */
  wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
  }

  /**
   * Resolves at the next {@link Waker.wake}, or after `ms` of real time (clamped to 0 … 2³¹-1);
   * without `ms`, only a wake ends it. Sleeps may overlap: a wake ends them all.
   */
  sleep(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      // Assigned once, below: `done` only runs later (from the timer or a wake), after the assignment.
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const previous = this.wakeUp;
      const done = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        if (this.timer === timer) this.timer = undefined;
        previous?.();
        resolve();
      };
      timer = ms === undefined ? undefined : setTimeout(done, Math.max(0, Math.min(ms, MAX_TIMER_MS)));
      if (timer !== undefined) {
        this.timer = timer;
        if (!this.keepsAlive) timer.unref();
      }
      this.wakeUp = done;
    });
  }

  /**
   * Whether the latest sleep's timer (and later ones) keep the process alive. A loop that waits
   * while other work runs lets that work keep the process alive instead.
   */
  keepAlive(on: boolean): void {
    this.keepsAlive = on;
    if (on) this.timer?.ref();
    else this.timer?.unref();
  }
}
