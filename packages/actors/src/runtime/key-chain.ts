/**
 * Calls of one actor id inside one instance run one after another: there is no point asking the
 * store for a lease this instance already holds, and it keeps sends from one instance in order.
 * Other instances are kept apart by the lease; this only saves them round trips.
 */
export class KeyChain {
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Runs `task` after every earlier task of `key` has settled, or after `maxWaitMs` of real time:
   * a task stuck longer than its lease can no longer commit, so waiting for it would only hang
   * the calls queued behind it (another instance would already have taken over).
   */
  run<T>(key: string, task: () => Promise<T>, maxWaitMs: number): Promise<T> {
    const previous = this.tails.get(key);
    let timer: NodeJS.Timeout | undefined;
    const ready =
      previous === undefined
        ? Promise.resolve()
        : Promise.race([
            previous,
            new Promise<void>((resolve) => {
              timer = setTimeout(resolve, maxWaitMs);
              timer.unref();
            }),
          ]).finally(() => clearTimeout(timer));
    const result = ready.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget the key once nothing is queued behind this task, so the map stays small.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
