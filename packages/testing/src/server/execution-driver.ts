/**
 * Keeps every execution started through the server moving: one loop hands the scheduler's
 * `runUntilDone` a time slice on each running execution in turn. The scheduler drives all of its
 * executions whichever one it is asked about, so one loop serves any number of them, and a
 * stuck or long-waiting execution never starves the others.
 */
import type { InMemoryBackend } from "../backend/index.js";
import { Waker } from "../clock/waker.js";
import type { InvocationScheduler } from "../invoker/index.js";

/** Wall time given to one `runUntilDone` call before the loop looks again. */
const SLICE_MS = 2_000;

export class ExecutionDriver {
  private readonly backend: InMemoryBackend;
  private readonly scheduler: InvocationScheduler;
  private readonly arns: string[] = [];
  /** Its sleeps never keep the process alive: a server's socket does. */
  private readonly waker = new Waker({ keepAlive: false });
  private closed = false;
  private loop: Promise<void> | undefined;

  constructor(backend: InMemoryBackend, scheduler: InvocationScheduler) {
    this.backend = backend;
    this.scheduler = scheduler;
  }

  /** Starts driving an execution the scheduler knows (it was started with `scheduler.start`). */
  add(executionArn: string): void {
    if (this.closed) return;
    this.arns.push(executionArn);
    this.waker.wake();
    this.loop ??= this.run();
  }

  /** Stops the loop after its current slice; executions stay as they are. */
  async close(): Promise<void> {
    this.closed = true;
    this.waker.wake();
  }

  private async run(): Promise<void> {
    let turn = 0;
    while (!this.closed) {
      for (let i = this.arns.length - 1; i >= 0; i--) if (!this.backend.isRunning(this.arns[i] ?? "")) this.arns.splice(i, 1);
      const arn = this.arns[turn++ % this.arns.length];
      if (arn === undefined) {
        await this.waker.sleep(60_000);
        continue;
      }
      try {
        await this.scheduler.runUntilDone(arn, { wallTimeoutMs: SLICE_MS });
      } catch {
        // Slice over, or nothing can move this execution now: look at the others, then again.
        await this.waker.sleep(25);
      }
    }
  }
}
