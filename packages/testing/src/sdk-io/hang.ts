/**
 * A promise that never settles: what a call into a process that is gone looks like to the
 * handler, and the body that stands in for a step body that must never run. Only code that
 * abandons an invocation hands it out (offline replay past the history, interruption exploration
 * after a cut); the kit itself never awaits it.
 */
export function hang<T = never>(): Promise<T> {
  return new Promise<T>(() => undefined);
}
