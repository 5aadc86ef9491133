/**
 * The host's real timers and wall clock, for code that must keep running while a test has faked
 * the globals (`jest.useFakeTimers()`, `vi.useFakeTimers()`, `mock.timers.enable()`). Those replace
 * `globalThis.setTimeout`, `setImmediate`, `queueMicrotask`, `Date` and `globalThis.performance`;
 * the exports of `node:timers` and `node:perf_hooks` stay real, in every test framework, and also
 * when the fakes were installed before this module loaded.
 */
import { performance } from "node:perf_hooks";

export { clearTimeout, setImmediate, setTimeout } from "node:timers";

/** Real epoch milliseconds (what `Date.now()` returns when nobody has faked it). */
export function realNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Runs `fn` in a microtask, without the `queueMicrotask` global that jest fakes by default. */
export function queueRealMicrotask(fn: () => void): void {
  void Promise.resolve().then(fn);
}
