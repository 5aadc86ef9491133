import type { DurableContext } from "./durable-context.js";
import type { ChildConfig } from "../operations/child-context.js";
import type { RetryDecision } from "../retry/index.js";
import { isCancelledError, isTerminalError } from "../errors/index.js";

/** Options of {@link withRetry}. */
export interface WithRetryConfig<T> {
  /** Decides after each failed attempt (1-based count) whether to run the body again, and after what delay (default 1 s). */
  retryStrategy: (error: Error, attemptCount: number) => RetryDecision;
  /**
   * Run the loop (attempts and backoff waits) in one `runInChildContext`, named `name` when given.
   * Default true; a final failure then rejects with `ChildContextError` (the attempt's error as
   * `cause`); with false the attempt's error is rethrown as is.
   */
  wrapWithRunInChildContext?: boolean;
  /** Passed to the wrapping `runInChildContext` (ignored when not wrapping). */
  childContextConfig?: ChildConfig<T>;
}

/** One attempt of {@link withRetry}: any durable code over `context` (the child context when wrapped). */
export type RetryableFunc<T> = (context: DurableContext, attempt: number) => Promise<T>;

/**
 * Runs a block of durable code with retries: when `func` rejects, `retryStrategy` decides, a durable
 * wait (`<name>-backoff-<attempt>`, anonymous without a name) spaces the attempts, and `func` runs
 * again at new positions. Use it where a step cannot hold the work (waits, callbacks, invokes).
 * Errors that must end the execution (non-determinism, misuse, cancellation) are never retried.
 * @example
 * const decision = await withRetry(context, "approval", (ctx, attempt) =>
 *   ctx.waitForCallback(`approval-${attempt}`, submit, { timeout: { hours: 24 } }),
 *   { retryStrategy: createRetryStrategy({ maxAttempts: 3 }) });
 */
export function withRetry<T>(context: DurableContext, name: string | undefined, func: RetryableFunc<T>, config: WithRetryConfig<T>): Promise<T>;
export function withRetry<T>(context: DurableContext, func: RetryableFunc<T>, config: WithRetryConfig<T>): Promise<T>;
export function withRetry<T>(
  context: DurableContext,
  ...args: [string | undefined, RetryableFunc<T>, WithRetryConfig<T>] | [RetryableFunc<T>, WithRetryConfig<T>]
): Promise<T> {
  const [name, func, config] =
    typeof args[0] === "function" ? [undefined, args[0], args[1] as WithRetryConfig<T>] : (args as [string | undefined, RetryableFunc<T>, WithRetryConfig<T>]);
  const loop = async (ctx: DurableContext): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      let decision: RetryDecision;
      try {
        return await func(ctx, attempt);
      } catch (error) {
        if (isTerminalError(error) || isCancelledError(error)) throw error;
        const failure = error instanceof Error ? error : new Error(String(error));
        decision = config.retryStrategy(failure, attempt);
        if (!decision.shouldRetry) throw error;
      }
      const delay = decision.delay ?? { seconds: 1 };
      await (name === undefined ? ctx.wait(delay) : ctx.wait(`${name}-backoff-${attempt}`, delay));
    }
  };
  if (config.wrapWithRunInChildContext === false) return loop(context);
  return context.runInChildContext(name, (child) => loop(child as DurableContext), config.childContextConfig);
}
