import { ConfigError } from "../errors/index.js";
import { connectLogger, type LoggerConfig } from "../logging/index.js";
import { missingWaitDuration, requireArray, requireFunction, splitOptionalName, splitStringName, validateName } from "../operations/args.js";
import { runCreateCallback, type CreateCallbackConfig, type CreateCallbackResult } from "../operations/callback.js";
import { runInvoke, validateFunctionId, type InvokeConfig } from "../operations/invoke.js";
import { runCombinator, type CombinatorKind } from "../operations/combinators.js";
import { runMap, type MapConfig, type MapFunc } from "../operations/map.js";
import { runParallel, type ParallelBranch, type ParallelConfig } from "../operations/parallel.js";
import type { BatchResult } from "../concurrency/index.js";
import { runWaitForCallback, type WaitForCallbackConfig, type WaitForCallbackSubmitterFunc } from "../operations/wait-for-callback.js";
import { runWaitForCondition, type WaitForConditionCheckFunc, type WaitForConditionConfig } from "../operations/wait-for-condition.js";
import { runChildContext, type ChildConfig } from "../operations/child-context.js";
import { DurablePromise } from "../operations/durable-promise.js";
import { runStep, type StepConfig, type StepFunc } from "../operations/step.js";
import { runWait } from "../operations/wait.js";
import { runNow } from "../operations/now.js";
import type { Deserializer, Serdes } from "../serdes/index.js";
import type { Duration } from "../time/index.js";
import { ContextScope, type ContextOptions } from "./context-scope.js";
import { DeterministicSource } from "./deterministic.js";
import type { ChildFunc, DurableContext } from "./durable-context.js";
import { childRawId } from "./operation-id.js";

export { rootSettings } from "./context-scope.js";

/**
 * The `DurableContext` user code receives: parses each method's overloads once and hands the
 * operation its scope. Scope mechanics (positions, determinism, cancellation) are in `ContextScope`.
 */
export class DurableContextImpl extends ContextScope implements DurableContext {
  /** Built on first draw: most contexts (every map item is one) never draw. */
  private randomSourceInstance: DeterministicSource | undefined;

  private get randomSource(): DeterministicSource {
    return (this.randomSourceInstance ??= new DeterministicSource(this.services.executionArn, this.prefix));
  }

  protected newChild(options: ContextOptions): DurableContextImpl {
    return new DurableContextImpl(this.services, options);
  }

  step<T>(...args: unknown[]): DurablePromise<T> {
    return this.operation(() => {
      const { name, rest } = splitOptionalName(args);
      const [fn, config] = rest as [StepFunc<T>, StepConfig<T> | undefined];
      requireFunction(fn, "step function");
      return runStep(this, name, fn, config);
    });
  }

  wait(...args: unknown[]): DurablePromise<void> {
    return this.operation(() => {
      const { name, rest } = splitStringName(args);
      if (name !== undefined && rest.length === 0) throw missingWaitDuration(name);
      return runWait(this, name, rest[0] as Duration);
    });
  }

  runInChildContext<T>(...args: unknown[]): DurablePromise<T> {
    return this.operation((onChild) => {
      const { name, rest } = splitOptionalName(args);
      const [fn, config] = rest as [ChildFunc<T>, ChildConfig<T> | undefined];
      requireFunction(fn, "child context function");
      return runChildContext<T, DurableContext>(this, name, fn as (c: DurableContext) => Promise<T>, config, onChild);
    });
  }

  createCallback<T = string>(...args: unknown[]): DurablePromise<CreateCallbackResult<T>> {
    return this.operation(() => {
      const { name, rest } = splitOptionalName(args);
      return runCreateCallback<T>(this, name, rest[0] as CreateCallbackConfig<T> | undefined, this.settings.callbackDeserializer);
    });
  }

  waitForCallback<T = string>(...args: unknown[]): DurablePromise<T> {
    return this.operation((onChild) => {
      const { name, rest } = splitOptionalName(args);
      const [submitter, config] = rest as [WaitForCallbackSubmitterFunc, WaitForCallbackConfig<T> | undefined];
      requireFunction(submitter, "waitForCallback submitter");
      return runWaitForCallback<T, DurableContext>(this, name, submitter, config, this.settings.callbackDeserializer, onChild);
    });
  }

  waitForCondition<T>(...args: unknown[]): DurablePromise<T> {
    return this.operation(() => {
      const { name, rest } = splitOptionalName(args);
      const [check, config] = rest as [WaitForConditionCheckFunc<T>, WaitForConditionConfig<T>];
      requireFunction(check, "waitForCondition check");
      if (typeof config !== "object" || config === null || typeof config.waitStrategy !== "function") {
        throw new ConfigError("INVALID_CONFIG", "waitForCondition needs a config with a waitStrategy function and an initialState", "waitStrategy");
      }
      return runWaitForCondition<T>(this, name, check, config);
    });
  }

  invoke<I, O>(...args: unknown[]): DurablePromise<O> {
    return this.operation(() => {
      // The official rule: a string second argument means (name, funcId, input?, config?).
      const named = typeof args[1] === "string";
      const name = named ? validateName(args[0] as string | undefined) : undefined;
      const [funcId, input, config] = (named ? args.slice(1) : args) as [string, I | undefined, InvokeConfig<I, O> | undefined];
      return runInvoke<I, O>(this, name, validateFunctionId(funcId), input, config);
    });
  }

  map<I, O>(...args: unknown[]): DurablePromise<BatchResult<O>> {
    return this.operation((onChild) => {
      const { name, rest } = splitOptionalName(args);
      const [items, fn, config] = rest as [I[], MapFunc<I, O, DurableContext>, MapConfig<I, O> | undefined];
      requireArray(items, "items", "map", name);
      requireFunction(fn, "map function");
      return runMap<I, O, DurableContext>(this, name, items, fn, config, onChild);
    });
  }

  parallel<O>(...args: unknown[]): DurablePromise<BatchResult<O>> {
    return this.operation((onChild) => {
      const { name, rest } = splitOptionalName(args);
      const [branches, config] = rest as [ParallelBranch<O, DurableContext>[], ParallelConfig<O> | undefined];
      requireArray(branches, "branches", "parallel", name);
      return runParallel<O, DurableContext>(this, name, branches, config, onChild);
    });
  }

  /** Durable combinators: each takes one position (a CONTEXT) when first awaited. */
  readonly promise = {
    all: <T>(...args: unknown[]) => this.combinator<T[]>("all", args),
    allSettled: <T>(...args: unknown[]) => this.combinator<PromiseSettledResult<T>[]>("allSettled", args),
    any: <T>(...args: unknown[]) => this.combinator<T>("any", args),
    race: <T>(...args: unknown[]) => this.combinator<T>("race", args),
  } as DurableContext["promise"];

  private combinator<R>(kind: CombinatorKind, args: unknown[]): DurablePromise<R> {
    const { name, rest } = splitOptionalName(args);
    const promises = rest[0] as PromiseLike<unknown>[];
    observeInputs(promises);
    return this.operation(() => runCombinator(this, name, kind, promises) as Promise<R>, { lazy: true });
  }

  now(): Date {
    return this.sync(() => runNow(this));
  }

  random(): number {
    return this.sync(() => {
      this.assertUsable("random");
      return this.randomSource.random(this.counter);
    });
  }

  uuid(): string {
    return this.sync(() => {
      this.assertUsable("uuid");
      return this.randomSource.uuid(this.counter);
    });
  }

  patched(patchId: string): boolean {
    return this.sync(() => {
      this.assertUsable("patched");
      return this.settings.patches.patched(patchId, this.isReplaying());
    });
  }

  deprecatePatch(patchId: string): void {
    this.sync(() => {
      this.assertUsable("deprecatePatch");
      this.settings.patches.deprecate(patchId, this.isReplaying(), childRawId(this.prefix, this.counter + 1));
    });
  }

  waitUntil(...args: unknown[]): DurablePromise<void> {
    return this.operation(() => {
      const { name, rest } = splitStringName(args);
      const until = rest[0];
      if (!(until instanceof Date) || Number.isNaN(until.getTime())) {
        throw new ConfigError("INVALID_DURATION", `waitUntil expects a valid Date, received ${String(until)}`, "until");
      }
      const seconds = Math.max(1, Math.ceil((until.getTime() - this.services.now()) / 1000));
      return runWait(this, name, { seconds });
    });
  }

  configureLogger(config: LoggerConfig): void {
    if (config.customLogger) {
      connectLogger(config.customLogger);
      this.settings.logger = config.customLogger;
    }
    if (config.modeAware !== undefined) this.settings.modeAware = config.modeAware;
  }

  configureSerdes(config: { defaultSerdes?: Serdes<unknown>; defaultCallbackDeserializer?: Deserializer<unknown> }): void {
    if (config.defaultSerdes) this.settings.serdes = config.defaultSerdes;
    if (config.defaultCallbackDeserializer) this.settings.callbackDeserializer = config.defaultCallbackDeserializer;
  }
}

/**
 * Subscribes to a combinator's plain promise inputs as soon as it is called: the combinator may
 * never look at them (never awaited, its outcome replayed from the log, or the invocation ended
 * first), and a rejection nobody subscribed to would be an `unhandledRejection`. Durable promises
 * need nothing: they record their own outcome, and a lazy one must not be started here (it would
 * take its position before the combinator's).
 */
function observeInputs(inputs: unknown): void {
  if (!Array.isArray(inputs)) return;
  for (const input of inputs) {
    if (input instanceof DurablePromise) continue;
    if (typeof (input as PromiseLike<unknown> | null)?.then === "function") Promise.resolve(input).catch(() => undefined);
  }
}
