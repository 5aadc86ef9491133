import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Whether anyone awaits an operation's promise (calls `then`, `catch` or `finally` on it). An
 * operation that waits on the service lets the invocation suspend only once it is awaited: an
 * un-awaited `context.wait` must not end an invocation whose handler is still running.
 */
export class Observation {
  private observedFlag = false;
  private listener: (() => void) | undefined;

  get observed(): boolean {
    return this.observedFlag;
  }

  /** Calls `listener` (once) when the promise becomes awaited. */
  onObserved(listener: () => void): void {
    this.listener = listener;
  }

  mark(): void {
    if (this.observedFlag) return;
    this.observedFlag = true;
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  }
}

const currentObservation = new AsyncLocalStorage<Observation>();

/** The observation of the operation whose code runs in the current async flow, if any. */
export function observationOfCurrentOperation(): Observation | undefined {
  return currentObservation.getStore();
}

/**
 * The promise every durable operation returns.
 *
 * Eager operations start when called (their position in the log is taken synchronously), so
 * awaiting has no side effects. Lazy ones (promise combinators) start at the first `then`.
 * A rejection nobody awaits never becomes an `unhandledRejection`: the operation's outcome is
 * recorded in the log whether or not user code looks at it.
 */
export class DurablePromise<T> implements Promise<T> {
  private started: Promise<T> | undefined;
  private readonly start: (onCancel: (cancel: (reason: Error) => void) => void) => Promise<T>;
  private canceller: ((reason: Error) => void) | undefined;
  private done = false;
  private readonly observation = new Observation();

  /**
   * @param start begins the operation; an operation that can be stopped (a child context) registers
   *   how through `onCancel`.
   */
  constructor(start: (onCancel: (cancel: (reason: Error) => void) => void) => Promise<T>, options: { lazy?: boolean } = {}) {
    this.start = start;
    if (!options.lazy) this.run();
  }

  /** True once the operation settled in this invocation. */
  get settled(): boolean {
    return this.done;
  }

  /**
   * Stops the operation if it can be stopped and has not settled: a child context's signal aborts,
   * it writes nothing more, and its promise rejects with `reason`. No effect on other operations.
   */
  cancel(reason: Error): void {
    if (!this.done) this.canceller?.(reason);
  }

  /** True once the operation has started (always true for eager operations). */
  get isExecuted(): boolean {
    return this.started !== undefined;
  }

  get [Symbol.toStringTag](): string {
    return "DurablePromise";
  }

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Promise.then's signature (lib.es5): callers may annotate the reason
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.observation.mark();
    return this.run().then(onfulfilled, onrejected);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Promise.catch's signature (lib.es5): callers may annotate the reason
  catch<R = never>(onrejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    this.observation.mark();
    return this.run().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    this.observation.mark();
    return this.run().finally(onfinally);
  }

  private run(): Promise<T> {
    if (!this.started) {
      // The operation's code runs with its observation in scope, so a wait on the service knows whether it is awaited.
      this.started = currentObservation.run(this.observation, () => this.start((cancel) => (this.canceller = cancel)));
      this.started.then(
        () => (this.done = true),
        () => (this.done = true),
      );
    }
    return this.started;
  }
}
