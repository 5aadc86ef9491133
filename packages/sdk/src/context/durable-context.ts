import type { DurableContextLogger, DurableLogger, LoggerConfig } from "../logging/index.js";
import type { DurablePromise } from "../operations/durable-promise.js";
import type { CallbackReader, CreateCallbackConfig, CreateCallbackResult, RawCallbackConfig } from "../operations/callback.js";
import type { ChildConfig } from "../operations/child-context.js";
import type { InvokeConfig } from "../operations/invoke.js";
import type { MapConfig, MapFunc } from "../operations/map.js";
import type { ParallelBranch, ParallelConfig } from "../operations/parallel.js";
import type { BatchResult } from "../concurrency/index.js";
import type { WaitForCallbackConfig, WaitForCallbackSubmitterFunc } from "../operations/wait-for-callback.js";
import type { WaitForConditionCheckFunc, WaitForConditionConfig } from "../operations/wait-for-condition.js";
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

  /**
   * Creates a callback an external system completes with `SendDurableExecutionCallbackSuccess` /
   * `Failure` (and keeps alive with `…Heartbeat`). Resolves, once the START is acknowledged, to
   * `[result, callbackId]`; awaiting `result` suspends until the callback completes and rejects with
   * `CallbackTimeoutError` or `CallbackExternalError`.
   * @example
   * const [approval, callbackId] = await context.createCallback("approval", { timeout: { days: 3 } });
   * await context.step("notify", async () => sendApprovalEmail(callbackId));
   * const decision = await approval; // string: the raw text sent
   * const [typed] = await context.createCallback("typed", { schema: z.object({ approved: z.boolean() }) }); // { approved: boolean }
   *
   * Without `serdes` or `schema` the result is the string sent (typed `string`, whatever
   * `defaultCallbackDeserializer` is configured); with them, their output type.
   */
  // `_S` only lets existing `createCallback<string>(…)` calls compile; the result is the string sent.
  createCallback<_S extends string = string>(name: string | undefined, config?: RawCallbackConfig<CreateCallbackConfig>): DurablePromise<CreateCallbackResult<string>>;
  createCallback<_S extends string = string>(config?: RawCallbackConfig<CreateCallbackConfig>): DurablePromise<CreateCallbackResult<string>>;
  createCallback<T>(name: string | undefined, config: CreateCallbackConfig<T> & CallbackReader<T>): DurablePromise<CreateCallbackResult<T>>;
  createCallback<T>(config: CreateCallbackConfig<T> & CallbackReader<T>): DurablePromise<CreateCallbackResult<T>>;

  /**
   * Creates a callback, runs `submitter(callbackId)` as a step (with its own retries) and resolves
   * with the callback's result. Rejects with `CallbackSubmitterError`, `CallbackTimeoutError` or
   * `CallbackExternalError`.
   * @example
   * const decision = await context.waitForCallback("approval", async (callbackId) => {
   *   await queue.send({ approvalToken: callbackId });
   * }, { timeout: { hours: 24 } });
   *
   * Typed as `createCallback`: the raw string without `serdes`/`schema`, their output with them.
   */
  waitForCallback<_S extends string = string>(
    name: string | undefined,
    submitter: WaitForCallbackSubmitterFunc,
    config?: RawCallbackConfig<WaitForCallbackConfig>,
  ): DurablePromise<string>;
  waitForCallback<_S extends string = string>(submitter: WaitForCallbackSubmitterFunc, config?: RawCallbackConfig<WaitForCallbackConfig>): DurablePromise<string>;
  waitForCallback<T>(name: string | undefined, submitter: WaitForCallbackSubmitterFunc, config: WaitForCallbackConfig<T> & CallbackReader<T>): DurablePromise<T>;
  waitForCallback<T>(submitter: WaitForCallbackSubmitterFunc, config: WaitForCallbackConfig<T> & CallbackReader<T>): DurablePromise<T>;

  /**
   * Polls `check(state)` until the wait strategy stops, suspending between checks; resolves with the
   * final state. Rejects with `WaitForConditionError` when a check throws or attempts run out.
   * @example
   * const job = await context.waitForCondition("job-done", async (s) => getJob(s.id), {
   *   initialState: { id, status: "PENDING" },
   *   waitStrategy: createWaitStrategy({ shouldContinuePolling: (s) => s.status !== "DONE" }),
   * });
   */
  waitForCondition<T>(name: string | undefined, check: WaitForConditionCheckFunc<T>, config: WaitForConditionConfig<T>): DurablePromise<T>;
  waitForCondition<T>(check: WaitForConditionCheckFunc<T>, config: WaitForConditionConfig<T>): DurablePromise<T>;

  /**
   * Invokes another function (durable or not) through the service and resolves with its result;
   * the invocation suspends meanwhile. Rejects with `InvokeError` when it fails, times out or stops.
   * With a string second argument the first is the operation name: pass a string input as
   * `invoke(undefined, functionId, "text")`.
   * @example
   * const receipt = await context.invoke("charge", "payments-fn:live", { amount: 42 });
   */
  invoke<I = unknown, O = unknown>(name: string | undefined, functionId: string, input?: I, config?: InvokeConfig<I, O>): DurablePromise<O>;
  invoke<I = unknown, O = unknown>(functionId: string, input?: I, config?: InvokeConfig<I, O>): DurablePromise<O>;

  /**
   * Runs `fn` for each item in its own child context (up to `maxConcurrency` at once) and resolves
   * with a `BatchResult` when the completion policy decides; item failures are collected, not thrown.
   * @example
   * const results = await context.map("resize", images, async (ctx, image) => ctx.step(() => resize(image)), { maxConcurrency: 10 });
   * results.throwIfError();
   */
  map<I, O>(name: string | undefined, items: I[], fn: MapFunc<I, O, DurableContext<L>>, config?: MapConfig<I, O>): DurablePromise<BatchResult<O>>;
  map<I, O>(items: I[], fn: MapFunc<I, O, DurableContext<L>>, config?: MapConfig<I, O>): DurablePromise<BatchResult<O>>;

  /**
   * Runs branches concurrently, each in its own child context, and resolves with a `BatchResult`.
   * @example
   * const [user, orders] = (await context.parallel("load", [
   *   { name: "user", func: (ctx) => ctx.step(() => getUser(id)) },
   *   { name: "orders", func: (ctx) => ctx.step(() => getOrders(id)) },
   * ])).getResults();
   */
  parallel<O>(name: string | undefined, branches: ParallelBranch<O, DurableContext<L>>[], config?: ParallelConfig<O>): DurablePromise<BatchResult<O>>;
  parallel<O>(branches: ParallelBranch<O, DurableContext<L>>[], config?: ParallelConfig<O>): DurablePromise<BatchResult<O>>;

  /**
   * Durable versions of `Promise.all/allSettled/any/race` over durable promises: the outcome is
   * recorded (one CONTEXT operation, taken when first awaited) and replayed as is; waiting inputs
   * let the invocation suspend.
   * @example
   * const winner = await context.promise.race("first-reply", [context.wait({ hours: 1 }).then(() => "timeout"), replyPromise]);
   */
  readonly promise: {
    all<T>(name: string | undefined, promises: PromiseLike<T>[]): DurablePromise<T[]>;
    all<T>(promises: PromiseLike<T>[]): DurablePromise<T[]>;
    allSettled<T>(name: string | undefined, promises: PromiseLike<T>[]): DurablePromise<PromiseSettledResult<T>[]>;
    allSettled<T>(promises: PromiseLike<T>[]): DurablePromise<PromiseSettledResult<T>[]>;
    any<T>(name: string | undefined, promises: PromiseLike<T>[]): DurablePromise<T>;
    any<T>(promises: PromiseLike<T>[]): DurablePromise<T>;
    race<T>(name: string | undefined, promises: PromiseLike<T>[]): DurablePromise<T>;
    race<T>(promises: PromiseLike<T>[]): DurablePromise<T>;
  };

  /**
   * The current time, recorded on first execution (one STEP `Now`, its SUCCEED travelling with the
   * next checkpoint) and identical on replay. Under test it is the backend's virtual clock.
   */
  now(): Date;
  /**
   * A number in [0, 1) that replays identically: derived from the execution, the context's position
   * and the number of draws since the last operation. No checkpoint. Not for secrets.
   */
  random(): number;
  /** A version-4-layout UUID that replays identically (same derivation as `random`). Not for secrets. */
  uuid(): string;
  /**
   * Versioning: true when this execution runs the new code path (`patchId`'s marker is recorded, or the
   * execution reaches this point for the first time and the marker is written now); false when the
   * execution ran past this point before the patch existed.
   * @example
   * if (context.patched("add-fraud-check")) await context.step("fraud-check", () => check(order));
   */
  patched(patchId: string): boolean;
  /**
   * Declares the old path of `patchId` gone. An execution that predates the patch and replays here ends
   * FAILED with `NonDeterministicExecutionError` naming the patch.
   */
  deprecatePatch(patchId: string): void;
  /** Waits until a moment: a WAIT of `max(1, ceil((until − now) / 1000))` seconds, fixed on the first run. */
  waitUntil(name: string, until: Date): DurablePromise<void>;
  waitUntil(until: Date): DurablePromise<void>;

  /** True while this context still has recorded operations ahead of the current position. */
  isReplaying(): boolean;
  /** Replaces the logger or turns replay-aware logging off, for this context and its children created afterwards. */
  configureLogger(config: LoggerConfig<L>): void;
  /** Replaces the default serdes of this context (and children created afterwards). */
  configureSerdes(config: { defaultSerdes?: Serdes<unknown>; defaultCallbackDeserializer?: Deserializer<unknown> }): void;
}
