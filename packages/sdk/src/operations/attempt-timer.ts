import { StepTimeoutError } from "../errors/index.js";
import { durationToSeconds, type Duration } from "../time/index.js";
import type { AttemptDeadline } from "../replay/host.js";

export type { AttemptDeadline };
// node:timers, not the globals: a test that fakes the global timers must not stall the SDK.
import { clearTimeout, setTimeout } from "node:timers";

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
 * invocation's deadline. Whichever comes first fails the attempt at once with `StepTimeoutError`
 * (a late settlement of the body is ignored). With a `timeout`, the attempt gets its own signal,
 * aborted with that error; otherwise the body keeps the context's signal, which aborts when the
 * invocation ends. Without a timeout this costs one Set entry per attempt.
 */
export function runWithLimits<T>(
  body: (signal: () => AbortSignal) => Promise<T>,
  limits: { parentSignal: () => AbortSignal; deadline?: AttemptDeadline; timeoutMs?: number; deadlineMarginMs: number },
): Promise<T> {
  const { deadline, timeoutMs } = limits;
  if (deadline?.passed) return Promise.reject(deadlineError(limits.deadlineMarginMs));
  if (timeoutMs === undefined && !deadline) return body(limits.parentSignal);

  // Signals are built only when a body reads one: most never do, and each costs listeners.
  const attempt = timeoutMs === undefined ? undefined : new AbortController();
  const signal = attempt ? () => AbortSignal.any([limits.parentSignal(), attempt.signal]) : limits.parentSignal;
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const stop = (error: StepTimeoutError) => {
      attempt?.abort(error);
      finish();
      reject(error);
    };
    const offDeadline = deadline?.onPass(() => stop(deadlineError(limits.deadlineMarginMs)));
    if (timeoutMs !== undefined) timer = setTimeout(() => stop(new StepTimeoutError(timeoutMs)), timeoutMs);
    function finish() {
      if (timer) clearTimeout(timer);
      offDeadline?.();
    }
    body(signal).then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error);
      },
    );
  });
}

function deadlineError(marginMs: number): StepTimeoutError {
  return new StepTimeoutError(marginMs, `Step attempt stopped: the invocation was within ${marginMs} ms of its Lambda timeout`);
}
