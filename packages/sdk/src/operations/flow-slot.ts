import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Values the SDK keeps per async flow (which operation's promise is being run, which context is
 * active, whose timers these are) share one `AsyncLocalStorage`, each in its own slot. On Node 20
 * every storage instance adds a property write to every promise the process creates (its init
 * hook copies the store onto the new promise), so one storage with slots costs a third of three.
 */
type Frame = readonly unknown[];

const storage = new AsyncLocalStorage<Frame>();
let slotCount = 0;

/** One value carried along the async flow, like its own `AsyncLocalStorage`. */
export class FlowSlot<T> {
  private readonly index = slotCount++;

  /** The value set by the innermost enclosing {@link run} in this async flow, if any. */
  get(): T | undefined {
    const frame = storage.getStore();
    return frame === undefined ? undefined : (frame[this.index] as T | undefined);
  }

  /** Runs `fn` (and the async work it starts) with this slot set to `value`; other slots keep theirs. */
  run<R>(value: T, fn: () => R): R {
    const frame = storage.getStore();
    const next = frame === undefined ? [] : frame.slice();
    next[this.index] = value;
    return storage.run(next, fn);
  }
}
