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
  private readonly start: () => Promise<T>;

  constructor(start: () => Promise<T>, options: { lazy?: boolean } = {}) {
    this.start = start;
    if (!options.lazy) this.run();
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
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.run().then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.run().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.run().finally(onfinally);
  }

  private run(): Promise<T> {
    if (!this.started) {
      this.started = this.start();
      this.started.catch(() => undefined);
    }
    return this.started;
  }
}
