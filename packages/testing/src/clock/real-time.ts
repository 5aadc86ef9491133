/**
 * The host's real timers and wall clock, for code that must keep running while a test has faked
 * the globals (`jest.useFakeTimers()`, `vi.useFakeTimers()`). Those replace `globalThis.setTimeout`,
 * `setImmediate`, `Date` and `globalThis.performance` (and more); the exports of `node:timers` and
 * `node:perf_hooks` stay real, also when the fakes were installed before this module loaded
 * (test/fake-timers.test.ts, and the consumer test under jest itself).
 */
import { performance } from "node:perf_hooks";
import { setTimeout } from "node:timers";

export { clearTimeout, setImmediate, setTimeout } from "node:timers";

/** Real epoch milliseconds (what `Date.now()` returns when nobody has faked it). */
export function realNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Resolves after `ms` of real time (at once, on a microtask, for 0 or less). */
export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
