import { ConfigError, isCancelledError, isTerminalError, type ErrorClass } from "../errors/index.js";
import type { Duration } from "../time/index.js";
import { jitteredDelaySeconds, readAttempts, readClasses, readJitter, readPatterns, readPositive, readRandom, readSeconds } from "./backoff.js";
import { JitterStrategy, type RetryDecision, type RetryStrategy, type RetryStrategyConfig, type RetryStrategyOptions } from "./retry-strategy.js";

/** Options of {@link createLinearRetryStrategy}: the delay grows by `increment` per attempt. */
export type LinearRetryStrategyConfig = Omit<RetryStrategyConfig, "backoffRate"> & {
  /** Added to the delay per attempt: a Duration, or seconds (default 1 s). */
  increment?: Duration | number;
};

interface StrategyCore {
  maxAttempts: number;
  /** Delay in seconds before jitter for `attemptsMade` (1-based). */
  baseDelay: (attemptsMade: number) => number;
  jitter: JitterStrategy;
  random: () => number;
  patterns?: (string | RegExp)[];
  classes?: ErrorClass[];
}

function checkObject(value: unknown, field: string): void {
  if (value !== undefined && (typeof value !== "object" || value === null)) {
    throw new ConfigError("INVALID_CONFIG", `Invalid ${field}: received ${String(value)}; expected an options object`, field);
  }
}

function matchesFilters(error: Error, core: StrategyCore): boolean {
  const patterns = core.patterns !== undefined && core.patterns.length > 0 ? core.patterns : undefined;
  const classes = core.classes !== undefined && core.classes.length > 0 ? core.classes : undefined;
  if (patterns === undefined && classes === undefined) return true;
  const message = typeof error?.message === "string" ? error.message : String(error);
  // `search` ignores `lastIndex`, so a /g RegExp gives the same answer every time.
  if (patterns?.some((p) => (typeof p === "string" ? message.includes(p) : message.search(p) !== -1))) return true;
  // The name comparison covers a class from another copy of the SDK (or of a library).
  const name: unknown = error?.name;
  return classes?.some((c) => error instanceof c || name === c.name) ?? false;
}

function buildStrategy(core: StrategyCore): RetryStrategy {
  return (error: Error, attemptsMade: number): RetryDecision => {
    if (attemptsMade >= core.maxAttempts) return { shouldRetry: false };
    // Cancellation and terminal errors mean a retry cannot help (or must not run).
    if (isCancelledError(error) || isTerminalError(error)) return { shouldRetry: false };
    if (!matchesFilters(error, core)) return { shouldRetry: false };
    const seconds = jitteredDelaySeconds(core.baseDelay(attemptsMade), core.jitter, core.random);
    return { shouldRetry: true, delay: { seconds } };
  };
}

/**
 * A retry strategy with exponential backoff: after `n` attempts the delay is
 * `min(initialDelay · backoffRate^(n−1), maxDelay)`, then jittered, rounded
 * to whole seconds, and at least 1 s.
 *
 * It never retries once `maxAttempts` attempts were made, never retries a
 * `CancelledError` or a terminal error, and, when `retryableErrors` or
 * `retryableErrorTypes` are given, retries only errors matching one of them
 * (a string is a message substring, a RegExp is tested against the message,
 * a class matches by `instanceof` or by `name`).
 *
 * @param options - `random` replaces `Math.random` for jitter (tests)
 * @throws ConfigError `INVALID_CONFIG` (or `INVALID_DURATION`) naming the bad field.
 * @example createRetryStrategy({ maxAttempts: 5, initialDelay: { seconds: 2 }, retryableErrors: [/timeout/i] })
 */
export function createRetryStrategy(config: RetryStrategyConfig = {}, options: RetryStrategyOptions = {}): RetryStrategy {
  checkObject(config, "retryStrategy config");
  const initial = readSeconds(config.initialDelay, 5, "initialDelay");
  const max = readSeconds(config.maxDelay, 300, "maxDelay");
  const rate = readPositive(config.backoffRate, 2, "backoffRate");
  return buildStrategy({
    maxAttempts: readAttempts(config.maxAttempts, 3, "maxAttempts"),
    baseDelay: (n) => Math.min(initial * rate ** (n - 1), max),
    jitter: readJitter(config.jitter, JitterStrategy.FULL, "jitter"),
    random: readRandom(options.random, "random"),
    patterns: readPatterns(config.retryableErrors, "retryableErrors"),
    classes: readClasses(config.retryableErrorTypes, "retryableErrorTypes"),
  });
}

/**
 * A retry strategy whose delay grows linearly: after `n` attempts it is
 * `min(initialDelay + increment · (n−1), maxDelay)`, then jittered, rounded
 * and at least 1 s. Defaults: 6 attempts, 1 s, +1 s per attempt (delays
 * 1, 2, 3, 4, 5 s), at most 5 min, no jitter. Filters and the never-retried
 * errors are as in {@link createRetryStrategy}.
 *
 * @throws ConfigError naming the bad field.
 */
export function createLinearRetryStrategy(config: LinearRetryStrategyConfig = {}, options: RetryStrategyOptions = {}): RetryStrategy {
  checkObject(config, "retryStrategy config");
  const initial = readSeconds(config.initialDelay, 1, "initialDelay");
  const max = readSeconds(config.maxDelay, 300, "maxDelay");
  const increment = typeof config.increment === "number" ? readSeconds({ seconds: config.increment }, 1, "increment") : readSeconds(config.increment, 1, "increment");
  return buildStrategy({
    maxAttempts: readAttempts(config.maxAttempts, 6, "maxAttempts"),
    baseDelay: (n) => Math.min(initial + increment * (n - 1), max),
    jitter: readJitter(config.jitter, JitterStrategy.NONE, "jitter"),
    random: readRandom(options.random, "random"),
    patterns: readPatterns(config.retryableErrors, "retryableErrors"),
    classes: readClasses(config.retryableErrorTypes, "retryableErrorTypes"),
  });
}

const presets: { default?: RetryStrategy; linear?: RetryStrategy } = {};

/** Ready-made retry strategies. */
export const retryPresets: {
  /** 6 attempts, 5 s doubling up to 60 s, full jitter. The default of `step`. */
  readonly default: RetryStrategy;
  /** 6 attempts, 1, 2, 3, 4, 5 s apart, no jitter. */
  readonly linear: RetryStrategy;
  /** A single attempt: never retries. */
  readonly noRetry: RetryStrategy;
} = Object.freeze({
  // Built on first use (each one once, so a preset is always the same function): importing the
  // SDK does no work for presets a handler never uses.
  get default(): RetryStrategy {
    return (presets.default ??= createRetryStrategy({
      maxAttempts: 6,
      initialDelay: { seconds: 5 },
      maxDelay: { seconds: 60 },
      backoffRate: 2,
      jitter: JitterStrategy.FULL,
    }));
  },
  get linear(): RetryStrategy {
    return (presets.linear ??= createLinearRetryStrategy());
  },
  noRetry: (): RetryDecision => ({ shouldRetry: false }),
});
