import type { ErrorClass } from "../errors/index.js";
import type { Duration } from "../time/index.js";

/** What a retry strategy decided after a failed attempt. */
export interface RetryDecision {
  /** Run another attempt. */
  shouldRetry: boolean;
  /** Delay before the next attempt (default 1 s); ignored when not retrying. */
  delay?: Duration;
}

/**
 * Decides whether a failed attempt is retried.
 *
 * @param error - the error the attempt threw (the original one, not a `StepError` wrapper)
 * @param attemptsMade - attempts made so far, 1-based (1 after the first failure)
 */
export type RetryStrategy = (error: Error, attemptsMade: number) => RetryDecision;

/**
 * How a computed delay `d` is randomized: `NONE` keeps it, `FULL` draws from
 * U(0, d), `HALF` from U(d/2, d). Jitter spreads retries of many executions
 * that failed together.
 */
export enum JitterStrategy {
  NONE = "NONE",
  FULL = "FULL",
  HALF = "HALF",
}

/** Options of `createRetryStrategy`. */
export interface RetryStrategyConfig {
  /** Attempts in total, the first included (default 3). */
  maxAttempts?: number;
  /** Delay after the first failure (default 5 s). */
  initialDelay?: Duration;
  /** Upper bound of the delay before jitter (default 5 min). */
  maxDelay?: Duration;
  /** Factor applied per attempt (default 2). */
  backoffRate?: number;
  /** Randomization of the delay (default `FULL`). */
  jitter?: JitterStrategy;
  /** Retry only errors whose message contains a string or matches a RegExp. */
  retryableErrors?: (string | RegExp)[];
  /** Retry only errors of these classes (`instanceof`, or the same `name`). */
  retryableErrorTypes?: ErrorClass[];
}

/** Extra inputs of the strategy factories, for tests. */
export interface RetryStrategyOptions {
  /** Random source in [0, 1) for jitter (default `Math.random`). */
  random?: () => number;
}
