/** Retry and wait strategies: pure functions from a failure (or state) to a delay (api.md §4). */
export { JitterStrategy } from "./retry-strategy.js";
export type { RetryDecision, RetryStrategy, RetryStrategyConfig } from "./retry-strategy.js";
export { createLinearRetryStrategy, createRetryStrategy, retryPresets } from "./create-retry-strategy.js";
export type { LinearRetryStrategyConfig } from "./create-retry-strategy.js";
export { createWaitStrategy } from "./wait-strategy.js";
export type { WaitStrategy, WaitStrategyConfig } from "./wait-strategy.js";
