/**
 * The benchmark's stopwatch. Bound at import, before any test kit can install fake timers
 * (the official runner's time skipping replaces the global timer functions), so every figure is
 * measured in real milliseconds.
 */
export const now: () => number = performance.now.bind(performance);

const realSetTimeout = globalThis.setTimeout;

/** Real-time sleep, immune to fake timers installed later. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, ms));
}
