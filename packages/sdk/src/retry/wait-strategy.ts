import { ConfigError, WaitForConditionError } from "../errors/index.js";
import type { Duration } from "../time/index.js";
import { jitteredDelaySeconds, readAttempts, readJitter, readPositive, readRandom, readSeconds } from "./backoff.js";
import { JitterStrategy, type RetryStrategyOptions } from "./retry-strategy.js";

/**
 * Decides, after a `waitForCondition` check returned `state`, whether to
 * check again and after how long. `attempt` is the 1-based number of checks
 * made so far.
 */
export type WaitStrategy<T> = (state: T, attempt: number) => { shouldContinue: true; delay: Duration } | { shouldContinue: false };

/** Options of {@link createWaitStrategy}. */
export interface WaitStrategyConfig<T> {
  /** True while the state says to keep polling. */
  shouldContinuePolling: (state: T) => boolean;
  /** Checks in total (default 60). */
  maxAttempts?: number;
  /** Delay after the first check (default 5 s). */
  initialDelay?: Duration;
  /** Upper bound of the delay before jitter (default 300 s). */
  maxDelay?: Duration;
  /** Factor applied per check (default 1.5). */
  backoffRate?: number;
  /** Randomization of the delay (default `FULL`). */
  jitter?: JitterStrategy;
  /** Time limit from the operation's start, enforced by the SDK's engine. */
  timeoutSeconds?: number;
}

/** A {@link WaitStrategy} that also carries its time limit for the engine. */
export type TimedWaitStrategy<T> = WaitStrategy<T> & { readonly timeoutSeconds?: number };

/**
 * A wait strategy for `waitForCondition` that polls with exponential backoff
 * while `shouldContinuePolling(state)` holds: after `n` checks the delay is
 * `min(initialDelay · backoffRate^(n−1), maxDelay)`, jittered, rounded and
 * at least 1 s.
 *
 * When `maxAttempts` checks were made and the state still says to continue,
 * the strategy throws a `WaitForConditionError` (it never stops silently as
 * if the condition were met). `timeoutSeconds` is kept on the returned
 * function for the engine, which fails the operation once it has passed.
 *
 * @param options - `random` replaces `Math.random` for jitter (tests)
 * @throws ConfigError naming the bad field.
 */
export function createWaitStrategy<T>(config: WaitStrategyConfig<T>, options: RetryStrategyOptions = {}): TimedWaitStrategy<T> {
  if (typeof config !== "object" || config === null || typeof config.shouldContinuePolling !== "function") {
    throw new ConfigError("INVALID_CONFIG", "Invalid shouldContinuePolling: expected a function (state) => boolean in the wait strategy config", "shouldContinuePolling");
  }
  const maxAttempts = readAttempts(config.maxAttempts, 60, "maxAttempts");
  const initial = readSeconds(config.initialDelay, 5, "initialDelay");
  const max = readSeconds(config.maxDelay, 300, "maxDelay");
  const rate = readPositive(config.backoffRate, 1.5, "backoffRate");
  const jitter = readJitter(config.jitter, JitterStrategy.FULL, "jitter");
  const random = readRandom(options.random, "random");
  const timeoutSeconds = config.timeoutSeconds === undefined ? undefined : readPositive(config.timeoutSeconds, 0, "timeoutSeconds");
  const shouldContinuePolling = config.shouldContinuePolling;

  const strategy: WaitStrategy<T> = (state, attempt) => {
    if (!shouldContinuePolling(state)) return { shouldContinue: false };
    if (attempt >= maxAttempts) {
      throw new WaitForConditionError(`waitForCondition gave up: all ${maxAttempts} attempts exhausted and the condition still asks to keep polling`);
    }
    const base = Math.min(initial * rate ** (attempt - 1), max);
    return { shouldContinue: true, delay: { seconds: jitteredDelaySeconds(base, jitter, random) } };
  };
  if (timeoutSeconds !== undefined) {
    Object.defineProperty(strategy, "timeoutSeconds", { value: timeoutSeconds, enumerable: true });
  }
  return strategy;
}
