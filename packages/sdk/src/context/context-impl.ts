import { AsyncLocalStorage } from "node:async_hooks";
import type { OperationUpdate } from "@aws-sdk/client-lambda";
import { CancelledError, ConfigError } from "../errors/index.js";
import { connectLogger, createContextLogger, type DurableContextLogger, type DurableLogData, type DurableLogger, type LoggerConfig } from "../logging/index.js";
import { requireFunction, splitOptionalName, splitStringName, validateName } from "../operations/args.js";
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
import type { ChildScope, ClaimedOperation, InvocationServices, OperationDescriptor, OperationScope } from "../operations/host.js";
import { runStep, type StepConfig, type StepFunc } from "../operations/step.js";
import { runWait } from "../operations/wait.js";
import { assertSameOperation, endedEarlyError } from "../replay/signature.js";
import type { Deserializer, Serdes } from "../serdes/index.js";
import type { Duration } from "../time/index.js";
import type { ChildFunc, DurableContext } from "./durable-context.js";
import type { LambdaContext } from "./lambda-context.js";
import { childRawId, hashOperationId } from "./operation-id.js";

/** Which context is active in the current async flow, and whether a step body is running. */
interface ActiveScope {
  context: DurableContextImpl;
  inBody: boolean;
}

const activeScope = new AsyncLocalStorage<ActiveScope>();

/** Settings a context passes on to the children it creates. */
interface ContextSettings {
  serdes: Serdes<unknown>;
  callbackDeserializer?: Deserializer<unknown>;
  logger: DurableLogger;
  modeAware: boolean;
}

/**
 * One durable context: allocates positions (`<prefix>-<n>`), checks replay determinism at each,
 * and hands operations the scope they run in. The root context has prefix `""`.
 */
export class DurableContextImpl implements DurableContext, OperationScope<DurableContext> {
  readonly services: InvocationServices;
  readonly lambdaContext: LambdaContext;
  readonly signal: AbortSignal;
  readonly logger: DurableContextLogger;
  private readonly prefix: string;
  private readonly parentWireId: string | undefined;
  private settings: ContextSettings;
  private counter = 0;
  private readonly parent: DurableContextImpl | undefined;
  private cancelReason: Error | undefined;

  constructor(
    services: InvocationServices,
    options: {
      lambdaContext: LambdaContext;
      signal: AbortSignal;
      prefix?: string;
      parentWireId?: string;
      settings: ContextSettings;
      parent?: DurableContextImpl;
    },
  ) {
    this.services = services;
    this.lambdaContext = options.lambdaContext;
    this.signal = options.signal;
    this.prefix = options.prefix ?? "";
    this.parentWireId = options.parentWireId;
    this.parent = options.parent;
    this.settings = { ...options.settings };
    this.logger = createContextLogger(
      { error: (...p) => this.settings.logger.error(...p), warn: (...p) => this.settings.logger.warn(...p),
        info: (...p) => this.settings.logger.info(...p), debug: (...p) => this.settings.logger.debug(...p) },
      () => !this.settings.modeAware || !this.isReplaying(),
      () => this.logData(),
    );
  }

  get executionArn(): string {
    return this.services.executionArn;
  }

  get serdes(): Serdes<unknown> {
    return this.settings.serdes;
  }

  /** Runs the handler (or a child body) with this context active. */
  runActive<T>(fn: () => Promise<T>): Promise<T> {
    return activeScope.run({ context: this, inBody: false }, fn);
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
      return runWait(this, name, rest[0] as Duration);
    });
  }

  runInChildContext<T>(...args: unknown[]): DurablePromise<T> {
    return this.operation(() => {
      const { name, rest } = splitOptionalName(args);
      const [fn, config] = rest as [ChildFunc<T>, ChildConfig<T> | undefined];
      requireFunction(fn, "child context function");
      return runChildContext<T, DurableContext>(this, name, fn as (c: DurableContext) => Promise<T>, config);
    });
  }

  createCallback<T = string>(...args: unknown[]): DurablePromise<CreateCallbackResult<T>> {
    return this.operation(() => {
      const { name, rest } = splitOptionalName(args);
      return runCreateCallback<T>(this, name, rest[0] as CreateCallbackConfig<T> | undefined, this.settings.callbackDeserializer);
    });
  }

  waitForCallback<T = string>(...args: unknown[]): DurablePromise<T> {
    return this.operation(() => {
      const { name, rest } = splitOptionalName(args);
      const [submitter, config] = rest as [WaitForCallbackSubmitterFunc, WaitForCallbackConfig<T> | undefined];
      requireFunction(submitter, "waitForCallback submitter");
      return runWaitForCallback<T, DurableContext>(this, name, submitter, config, this.settings.callbackDeserializer);
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
    return this.operation(() => {
      const { name, rest } = splitOptionalName(args);
      const [items, fn, config] = rest as [I[], MapFunc<I, O, DurableContext>, MapConfig<I, O> | undefined];
      requireFunction(fn, "map function");
      return runMap<I, O, DurableContext>(this, name, items, fn, config);
    });
  }

  parallel<O>(...args: unknown[]): DurablePromise<BatchResult<O>> {
    return this.operation(() => {
      const { name, rest } = splitOptionalName(args);
      const [branches, config] = rest as [ParallelBranch<O, DurableContext>[], ParallelConfig<O> | undefined];
      return runParallel<O, DurableContext>(this, name, branches, config);
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
    return this.operation(() => runCombinator(this, name, kind, promises) as Promise<R>, { lazy: true });
  }

  isReplaying(): boolean {
    return this.services.log.has(hashOperationId(childRawId(this.prefix, this.counter + 1)));
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

  // ---- OperationScope -------------------------------------------------------------------------

  enqueue(update: OperationUpdate): Promise<void> {
    const cancelled = this.cancelled;
    return cancelled ? Promise.reject(cancelled) : this.services.enqueue(update);
  }

  claim(descriptor: OperationDescriptor): ClaimedOperation {
    this.assertUsable();
    this.counter += 1;
    return this.checkAt(this.counter, descriptor);
  }

  reserve(count: number): { at(index: number, descriptor: OperationDescriptor): ClaimedOperation } {
    this.assertUsable();
    const first = this.counter + 1;
    this.counter += count;
    return { at: (index, descriptor) => this.checkAt(first + index, descriptor) };
  }

  /** The position `counter` of this context, verified against the history. */
  private checkAt(counter: number, descriptor: OperationDescriptor): ClaimedOperation {
    const rawId = childRawId(this.prefix, counter);
    const id = hashOperationId(rawId);
    const stored = this.services.log.get(id);
    const claimed: ClaimedOperation = { rawId, id, parentId: this.parentWireId, name: descriptor.name, stored };
    if (stored) assertSameOperation(stored, { ...claimed, ...descriptor });
    return claimed;
  }

  /** A cancelled context, or one running after the invocation answered, writes nothing. */
  private assertUsable(): void {
    if (this.services.ended) throw new CancelledError("INVOCATION_ENDING");
    const cancelled = this.cancelled;
    if (cancelled) throw cancelled;
    this.assertActive();
  }

  /** Why this context (or an ancestor) was cancelled, if it was. */
  get cancelled(): Error | undefined {
    return this.cancelReason ?? this.parent?.cancelled;
  }

  createChild(position: ClaimedOperation): ChildScope<DurableContext> {
    const abort = new AbortController();
    const child = new DurableContextImpl(this.services, {
      lambdaContext: this.lambdaContext,
      signal: AbortSignal.any([this.signal, abort.signal]),
      prefix: position.rawId,
      parentWireId: position.id,
      settings: this.settings,
      parent: this,
    });
    return {
      context: child,
      scope: child,
      run: (fn) => child.runActive(() => fn(child)),
      assertEnded: () => child.assertEnded(),
      cancel: (error) => {
        child.cancelReason ??= error;
        abort.abort(error);
      },
      get cancelled() {
        return child.cancelled;
      },
    };
  }

  runBody<T>(fn: () => Promise<T>): Promise<T> {
    return activeScope.run({ context: this, inBody: true }, fn);
  }

  bodyLogger(operation: ClaimedOperation, attempt: number): DurableContextLogger {
    return createContextLogger(this.settings.logger, () => true, () => ({
      ...this.logData(),
      operationId: operation.id,
      operationName: operation.name,
      attempt,
    }));
  }

  /** Non-determinism check at the end of a body: the history must hold nothing at the next position. */
  assertEnded(): void {
    const rawId = childRawId(this.prefix, this.counter + 1);
    const id = hashOperationId(rawId);
    const stored = this.services.log.get(id);
    if (stored) throw endedEarlyError(stored, { rawId, id, parentId: this.parentWireId });
  }

  // ---- internals ------------------------------------------------------------------------------

  /** Starts an operation eagerly; a terminal error (misuse, bad config, non-determinism) ends the execution. */
  private operation<T>(start: () => Promise<T>, options: { lazy?: boolean } = {}): DurablePromise<T> {
    return new DurablePromise(() => {
      let started: Promise<T>;
      try {
        started = start();
      } catch (error) {
        started = Promise.reject(error);
      }
      return started.catch((error: unknown) => this.services.escalate(error));
    }, options);
  }

  private assertActive(): void {
    const active = activeScope.getStore();
    if (active === undefined) return;
    if (active.inBody) {
      throw new ConfigError(
        "CONTEXT_MISUSE",
        "Durable operations cannot be called inside a step, wait-for-condition check or callback submitter body: use context.runInChildContext to group operations",
      );
    }
    if (active.context !== this) {
      throw new ConfigError(
        "CONTEXT_MISUSE",
        "Durable operation called on a context that is not the active one: inside runInChildContext (or a map/parallel branch) use the context passed to the function",
      );
    }
  }

  private logData(): DurableLogData {
    return { requestId: this.services.requestId, executionArn: this.services.executionArn };
  }
}
