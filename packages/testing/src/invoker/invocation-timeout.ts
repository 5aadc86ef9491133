/**
 * Lambda's function timeout: an invocation still running when it passes is failed as
 * `Sandbox.Timedout` and the service retries it. The handler cannot be stopped in-process; its
 * late answer is dropped, and its token was revoked when the invocation ended, so its later
 * checkpoints are refused as they would be from a frozen sandbox.
 */

/** The message Lambda reports for a timed-out invocation. */
export function timedOutMessage(timeoutMs: number): string {
  return `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
}

/** An invocation that ran past its function timeout (`Sandbox.Timedout`, retried by the service). */
export class InvocationTimeoutError extends Error {
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(timedOutMessage(timeoutMs));
    this.name = "Sandbox.Timedout";
    this.timeoutMs = timeoutMs;
    // Lambda reports no stack for a timeout; this emulator's own would only mislead.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * Settles like `work`, or rejects with {@link InvocationTimeoutError} once `timeoutMs` of real
 * time passed (no limit when undefined). A late outcome of `work` is observed and dropped.
 */
export function withInvocationTimeout<T>(work: Promise<T>, timeoutMs: number | undefined): Promise<T> {
  if (timeoutMs === undefined) return work;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`invocation timeout: expected a positive number of ms, received ${timeoutMs}`);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new InvocationTimeoutError(timeoutMs)), Math.min(timeoutMs, 2_147_483_647));
    timer.unref?.();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
