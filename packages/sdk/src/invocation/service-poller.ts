// node:timers, not the globals: a test that fakes the global timers must not stall the SDK.
import { clearTimeout, setTimeout } from "node:timers";
/**
 * Sleeps until `epochMs` of the service clock; resolves early (or never) once `signal` aborts.
 * A test transport offers its own (`sleepUntil`), so a virtual clock can skip the time.
 */
export type Sleeper = (epochMs: number, signal: AbortSignal) => Promise<void>;

/** Delay before asking again when the service did not show a timer that is due (doubles, capped). */
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;

/**
 * Asks the service (an empty checkpoint) for timers that fell due while the invocation keeps
 * running, at the instant the earliest one is due, so a wait or retry of one branch continues
 * here while another branch's step body runs. One poll armed at a time; a poll that brought no
 * progress backs off before the next.
 */
export class ServicePoller {
  private armed: { at: number; abort: AbortController } | undefined;
  private backoffMs = 0;
  private lastPollMs: number | undefined;
  private readonly options: { poll(): Promise<void>; now(): number; sleepUntil?: Sleeper };

  constructor(options: { poll(): Promise<void>; now(): number; sleepUntil?: Sleeper }) {
    this.options = options;
  }

  /** Polls at `dueMs` (or later, after a fruitless poll), then calls `replan`. */
  pollAt(dueMs: number, replan: () => void): void {
    const at = this.lastPollMs === undefined ? dueMs : Math.max(dueMs, this.lastPollMs + this.backoffMs);
    if (this.armed?.at === at) return;
    this.cancel();
    const abort = new AbortController();
    this.armed = { at, abort };
    void this.sleep(at, abort.signal).then(async () => {
      if (abort.signal.aborted) return;
      this.armed = undefined;
      this.lastPollMs = this.options.now();
      this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs === 0 ? FIRST_BACKOFF_MS : this.backoffMs * 2);
      await this.options.poll().catch(() => undefined); // a failed checkpoint ends the invocation through the queue
      if (!abort.signal.aborted) replan();
    });
  }

  /** A waiter resolved: the next due timer is polled for at its own time. */
  progressed(): void {
    this.backoffMs = 0;
    this.lastPollMs = undefined;
  }

  cancel(): void {
    this.armed?.abort.abort();
    this.armed = undefined;
  }

  private sleep(at: number, signal: AbortSignal): Promise<void> {
    if (this.options.sleepUntil) return this.options.sleepUntil(at, signal);
    return new Promise((resolve) => {
      // Ref'd on purpose: while a step body runs, this poll may be what the invocation waits for.
      const timer = setTimeout(resolve, Math.max(0, Math.min(at - this.options.now(), 2_147_483_647)));
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
