import { StepTimeoutError } from "../errors/index.js";
import { durationToSeconds, type Duration } from "../time/index.js";

/** A per-attempt limit: a Duration (whole seconds) or exact milliseconds. */
export type AttemptTimeout = Duration | { milliseconds: number };

/** Milliseconds of an attempt timeout (a `{milliseconds}` value is kept exact). */
export function attemptTimeoutMs(timeout: AttemptTimeout): number {
  if ("milliseconds" in timeout && Object.keys(timeout).length === 1) {
    durationToSeconds(timeout, "step timeout"); // validates: finite, ≥ 0
    return Math.max(1, Math.ceil(timeout.milliseconds));
  }
  return durationToSeconds(timeout, "step timeout") * 1000;
}

/**
 * Runs one attempt of a step-like body under its limits: the step's own `timeout` and the
 * invocation's deadline. Whichever comes first aborts the attempt's signal with a
 * `StepTimeoutError` and fails the attempt at once; a late settlement of the body is ignored.
 */
export async function runWithLimits<T>(
  body: (signal: AbortSignal) => Promise<T>,
  limits: { parentSignal: AbortSignal; deadline?: AbortSignal; timeoutMs?: number; deadlineMarginMs: number },
): Promise<T> {
  const attempt = new AbortController();
  const signals = [limits.parentSignal, attempt.signal];
  if (limits.deadline) signals.push(limits.deadline);
  const signal = AbortSignal.any(signals);
  if (limits.deadline?.aborted) throw deadlineError(limits.deadlineMarginMs);
  if (limits.timeoutMs === undefined && !limits.deadline) return body(signal);

  let timer: NodeJS.Timeout | undefined;
  let onDeadline: (() => void) | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    if (limits.timeoutMs !== undefined) {
      const ms = limits.timeoutMs;
      timer = setTimeout(() => {
        const error = new StepTimeoutError(ms);
        attempt.abort(error);
        reject(error);
      }, ms);
    }
    if (limits.deadline) {
      onDeadline = () => {
        const error = deadlineError(limits.deadlineMarginMs);
        attempt.abort(error);
        reject(error);
      };
      limits.deadline.addEventListener("abort", onDeadline, { once: true });
    }
  });
  try {
    return await Promise.race([body(signal), limit]);
  } finally {
    if (timer) clearTimeout(timer);
    if (onDeadline) limits.deadline?.removeEventListener("abort", onDeadline);
  }
}

function deadlineError(marginMs: number): StepTimeoutError {
  return new StepTimeoutError(marginMs, `Step attempt stopped: the invocation was within ${marginMs} ms of its Lambda timeout`);
}
