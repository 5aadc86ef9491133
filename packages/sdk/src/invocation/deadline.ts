/**
 * Fires a signal when the invocation is within `marginMs` of its Lambda timeout, so running step
 * attempts stop with `StepTimeoutError`, the retry strategy records a RETRY and the invocation can
 * suspend cleanly instead of being killed mid-attempt. No timer when the context has no clock.
 */
export function startDeadline(getRemainingTimeInMillis: (() => number) | undefined, marginMs: number): { signal?: AbortSignal; stop(): void } {
  if (typeof getRemainingTimeInMillis !== "function") return { stop: () => undefined };
  const remaining = getRemainingTimeInMillis();
  if (!Number.isFinite(remaining)) return { stop: () => undefined };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(0, remaining - marginMs));
  timer.unref();
  return { signal: controller.signal, stop: () => clearTimeout(timer) };
}
