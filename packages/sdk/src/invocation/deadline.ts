// node:timers, not the globals: a test that fakes the global timers must not stall the SDK.
import { clearTimeout, setTimeout } from "node:timers";

/** Lets running attempts react when the invocation nears its Lambda timeout. */
export interface DeadlineWatch {
  /** True once the invocation is within the margin of its timeout. */
  readonly passed: boolean;
  /** Calls `callback` when the deadline passes; returns the unsubscribe. Cheap: a Set entry. */
  onPass(callback: () => void): () => void;
}

/**
 * A timer at `remaining − marginMs`, so running step attempts stop with `StepTimeoutError`, the
 * retry strategy records a RETRY and the invocation can suspend cleanly instead of being killed
 * mid-attempt. No timer when the context has no clock.
 */
export function startDeadline(getRemainingTimeInMillis: (() => number) | undefined, marginMs: number): { watch?: DeadlineWatch; stop(): void } {
  if (typeof getRemainingTimeInMillis !== "function") return { stop: () => undefined };
  const remaining = getRemainingTimeInMillis();
  if (!Number.isFinite(remaining)) return { stop: () => undefined };
  const callbacks = new Set<() => void>();
  let passed = false;
  const timer = setTimeout(
    () => {
      passed = true;
      for (const callback of [...callbacks]) callback();
      callbacks.clear();
    },
    Math.max(0, remaining - marginMs),
  );
  timer.unref();
  return {
    watch: {
      get passed() {
        return passed;
      },
      onPass(callback) {
        callbacks.add(callback);
        return () => callbacks.delete(callback);
      },
    },
    stop: () => clearTimeout(timer),
  };
}
