import type { DurableContextLogger, DurableLogger, LoggerConfig } from "../logging/index.js";
import type { DurablePromise } from "../operations/durable-promise.js";
import type { ChildConfig } from "../operations/child-context.js";
import type { StepConfig, StepFunc } from "../operations/step.js";
import type { Deserializer, Serdes } from "../serdes/index.js";
import type { Duration } from "../time/index.js";
import type { LambdaContext } from "./lambda-context.js";

/** The body of a child context: receives its own context. */
export type ChildFunc<T, L extends DurableLogger = DurableLogger> = (context: DurableContext<L>) => Promise<T>;

/**
 * What a durable handler receives. Every method takes the next position in the execution's log
 * synchronously when called; on replay a completed operation returns its recorded outcome without
 * running user code again. Durable calls must be made in the same order on every invocation, and
 * only on the innermost active context (never inside a step body).
 */
export interface DurableContext<L extends DurableLogger = DurableLogger> {
  /** The Lambda context of the current invocation. */
  readonly lambdaContext: LambdaContext;
  /** Logs only when this context is not replaying, so lines are not repeated across invocations. */
  readonly logger: DurableContextLogger<L>;
  /** ARN of the durable execution. */
  readonly executionArn: string;
  /** Aborted (reason: `CancelledError`) when the invocation ends while user code still runs. */
  readonly signal: AbortSignal;

  /**
   * Runs `fn` once and checkpoints its result. Failures go to the retry strategy (RETRY checkpoints,
   * the invocation suspends during the delay); the final failure rejects with `StepError`.
   * @example
   * const order = await context.step("load-order", async () => db.get(id));
   */
  step<T>(name: string | undefined, fn: StepFunc<T, DurableContextLogger<L>>, config?: StepConfig<T>): DurablePromise<T>;
  step<T>(fn: StepFunc<T, DurableContextLogger<L>>, config?: StepConfig<T>): DurablePromise<T>;

  /**
   * Durable timer: suspends the execution (no compute billed) for a whole number of seconds, 1 s to 366 days.
   * A duration outside that range ends the execution FAILED with `ConfigError{code:"INVALID_DURATION"}`.
   * @example
   * await context.wait("cool-down", { minutes: 5 });
   */
  wait(name: string, duration: Duration): DurablePromise<void>;
  wait(duration: Duration): DurablePromise<void>;

  /**
   * Runs `fn` with a child context: its operations nest under one CONTEXT operation whose result is
   * checkpointed. Rejects with `ChildContextError` when the body throws.
   * @example
   * const total = await context.runInChildContext("price", async (child) => {
   *   const base = await child.step(() => basePrice());
   *   return base + (await child.step(() => tax(base)));
   * });
   */
  runInChildContext<T>(name: string | undefined, fn: ChildFunc<T, L>, config?: ChildConfig<T>): DurablePromise<T>;
  runInChildContext<T>(fn: ChildFunc<T, L>, config?: ChildConfig<T>): DurablePromise<T>;

  /** True while this context still has recorded operations ahead of the current position. */
  isReplaying(): boolean;
  /** Replaces the logger or turns replay-aware logging off, for this context and its children created afterwards. */
  configureLogger(config: LoggerConfig<L>): void;
  /** Replaces the default serdes of this context (and children created afterwards). */
  configureSerdes(config: { defaultSerdes?: Serdes<unknown>; defaultCallbackDeserializer?: Deserializer<unknown> }): void;
}
