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

/** How an attempt's end becomes its result: both may throw (a terminal error). */
export interface AttemptSettle<T, R> {
  value(value: T): R;
  error(error: unknown): R;
}

/**
 * Runs one attempt of a step-like body under its limits: the step's own `timeout` and the
 * invocation's deadline. Whichever comes first fails the attempt at once with `StepTimeoutError`
 * (a late settlement of the body is ignored). With a `timeout`, the attempt gets its own signal,
 * aborted with that error; otherwise the body keeps the context's signal, which aborts when the
 * invocation ends. The attempt's end goes through `settle` exactly once, inside the one reaction
 * this function adds to the body's promise (the per-step path pays no promise more than that and
 * the limit's own). A body that throws or returns a plain value is taken as a rejected or
 * fulfilled promise.
 */
export function runWithLimits<T, R>(
  body: (signal: () => AbortSignal) => T | Promise<T>,
  limits: { parentSignal: () => AbortSignal; deadline?: AttemptDeadline; timeoutMs?: number; deadlineMarginMs: number },
  settle: AttemptSettle<T, R>,
): Promise<R> {
  const { deadline, timeoutMs } = limits;
  if (deadline?.passed) return settleNow(() => settle.error(deadlineError(limits.deadlineMarginMs)));
  if (timeoutMs === undefined && !deadline) return started(body, limits.parentSignal).then(settle.value, settle.error);

  // Signals are built only when a body reads one: most never do, and each costs listeners.
  const attempt = timeoutMs === undefined ? undefined : new AbortController();
  const signal = attempt ? () => AbortSignal.any([limits.parentSignal(), attempt.signal]) : limits.parentSignal;
  return new Promise<R>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let ended = false;
    const end = (result: () => R) => {
      if (ended) return;
      ended = true;
      if (timer) clearTimeout(timer);
      offDeadline?.();
      try {
        resolve(result());
      } catch (error) {
        reject(error);
      }
    };
    const stop = (error: StepTimeoutError) => {
      attempt?.abort(error);
      end(() => settle.error(error));
    };
    const offDeadline = deadline?.onPass(() => stop(deadlineError(limits.deadlineMarginMs)));
    if (timeoutMs !== undefined) timer = setTimeout(() => stop(new StepTimeoutError(timeoutMs)), timeoutMs);
    started(body, signal).then(
      (value) => end(() => settle.value(value)),
      (error: unknown) => end(() => settle.error(error)),
    );
  });
}

/** The body's promise; a synchronous throw or a plain value become one. */
function started<T>(body: (signal: () => AbortSignal) => T | Promise<T>, signal: () => AbortSignal): Promise<T> {
  try {
    const result = body(signal);
    return result instanceof Promise ? result : Promise.resolve(result);
  } catch (error) {
    return Promise.reject(error);
  }
}

function settleNow<R>(result: () => R): Promise<R> {
  try {
    return Promise.resolve(result());
  } catch (error) {
    return Promise.reject(error);
  }
}

function deadlineError(marginMs: number): StepTimeoutError {
  return new StepTimeoutError(marginMs, `Step attempt stopped: the invocation was within ${marginMs} ms of its Lambda timeout`);
}
