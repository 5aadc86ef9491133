import { FlowSlot } from "./flow-slot.js";

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

const currentObservation = new FlowSlot<Observation>();

/** The observation of the operation whose code runs in the current async flow, if any. */
export function observationOfCurrentOperation(): Observation | undefined {
  return currentObservation.get();
}

/** How an operation ended, held without a rejected promise (so nobody has to handle one). */
export type Settlement<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs once when the operation settles; may replace the settlement (or never settle, to end the invocation). */
export type SettlementHook<T> = (settlement: Settlement<T>) => Settlement<T> | Promise<Settlement<T>>;

/**
 * The promise every durable operation returns.
 *
 * Eager operations start when called (their position in the log is taken synchronously), so
 * awaiting has no side effects. Lazy ones (promise combinators) start at the first `then`.
 * A rejection nobody awaits never becomes an `unhandledRejection`: the operation's outcome is
 * recorded in the log whether or not user code looks at it. Internally the outcome is one
 * promise that never rejects (a {@link Settlement}), reached through a single reaction that
 * also runs the caller's settlement hook: one promise per operation less than a separate
 * reaction for each concern.
 */
export class DurablePromise<T> implements Promise<T> {
  private outcome: Promise<Settlement<T>> | undefined;
  private readonly start: (onCancel: (cancel: (reason: Error) => void) => void) => Promise<T>;
  private readonly onSettled: SettlementHook<T> | undefined;
  private canceller: ((reason: Error) => void) | undefined;
  private done = false;
  private readonly observation = new Observation();

  /**
   * @param start begins the operation; an operation that can be stopped (a child context) registers
   *   how through `onCancel`.
   * @param options.lazy start at the first `then` instead of now.
   * @param options.onSettled runs once when the operation settles, before anyone sees the outcome.
   */
  constructor(start: (onCancel: (cancel: (reason: Error) => void) => void) => Promise<T>, options: { lazy?: boolean; onSettled?: SettlementHook<T> } = {}) {
    this.start = start;
    this.onSettled = options.onSettled;
    if (!options.lazy) this.run();
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
    return this.outcome !== undefined;
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
    return this.run().then((settlement) => {
      if (settlement.ok) return onfulfilled ? onfulfilled(settlement.value) : (settlement.value as unknown as R1);
      if (onrejected) return onrejected(settlement.error);
      throw settlement.error;
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Promise.catch's signature (lib.es5): callers may annotate the reason
  catch<R = never>(onrejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  /**
   * The outcome as a promise that never rejects, for SDK code that would otherwise `await` this
   * promise (two promises more: the thenable's job and its `then`). Counts as awaiting it.
   */
  settlement(): Promise<Settlement<T>> {
    this.observation.mark();
    return this.run();
  }

  private run(): Promise<Settlement<T>> {
    if (!this.outcome) {
      // The operation's code runs with its observation in scope, so a wait on the service knows whether it is awaited.
      let started: Promise<T>;
      try {
        started = currentObservation.run(this.observation, () => this.start((cancel) => (this.canceller = cancel)));
      } catch (error) {
        started = Promise.reject(error);
      }
      this.outcome = started.then(
        (value) => this.settle({ ok: true, value }),
        (error: unknown) => this.settle({ ok: false, error }),
      );
    }
    return this.outcome;
  }

  private settle(settlement: Settlement<T>): Settlement<T> | Promise<Settlement<T>> {
    this.done = true;
    return this.onSettled ? this.onSettled(settlement) : settlement;
  }
}
