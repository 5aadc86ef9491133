import { AsyncLocalStorage } from "node:async_hooks";
import { ConfigError } from "../errors/index.js";
import { createContextLogger, type DurableContextLogger, type DurableLogData, type DurableLogger, type LoggerConfig } from "../logging/index.js";
import { requireFunction, splitOptionalName, splitStringName } from "../operations/args.js";
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

  constructor(
    services: InvocationServices,
    options: { lambdaContext: LambdaContext; signal: AbortSignal; prefix?: string; parentWireId?: string; settings: ContextSettings },
  ) {
    this.services = services;
    this.lambdaContext = options.lambdaContext;
    this.signal = options.signal;
    this.prefix = options.prefix ?? "";
    this.parentWireId = options.parentWireId;
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

  isReplaying(): boolean {
    return this.services.log.has(hashOperationId(childRawId(this.prefix, this.counter + 1)));
  }

  configureLogger(config: LoggerConfig): void {
    if (config.customLogger) this.settings.logger = config.customLogger;
    if (config.modeAware !== undefined) this.settings.modeAware = config.modeAware;
  }

  configureSerdes(config: { defaultSerdes?: Serdes<unknown>; defaultCallbackDeserializer?: Deserializer<unknown> }): void {
    if (config.defaultSerdes) this.settings.serdes = config.defaultSerdes;
    if (config.defaultCallbackDeserializer) this.settings.callbackDeserializer = config.defaultCallbackDeserializer;
  }

  // ---- OperationScope -------------------------------------------------------------------------

  claim(descriptor: OperationDescriptor): ClaimedOperation {
    this.assertActive();
    this.counter += 1;
    const rawId = childRawId(this.prefix, this.counter);
    const id = hashOperationId(rawId);
    const stored = this.services.log.get(id);
    const claimed: ClaimedOperation = { rawId, id, parentId: this.parentWireId, name: descriptor.name, stored };
    if (stored) assertSameOperation(stored, { ...claimed, ...descriptor });
    return claimed;
  }

  createChild(position: ClaimedOperation): ChildScope<DurableContext> {
    const child = new DurableContextImpl(this.services, {
      lambdaContext: this.lambdaContext,
      signal: this.signal,
      prefix: position.rawId,
      parentWireId: position.id,
      settings: this.settings,
    });
    return {
      context: child,
      run: (fn) => child.runActive(() => fn(child)),
      assertEnded: () => child.assertEnded(),
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
  private operation<T>(start: () => Promise<T>): DurablePromise<T> {
    return new DurablePromise(() => {
      let started: Promise<T>;
      try {
        started = start();
      } catch (error) {
        started = Promise.reject(error);
      }
      return started.catch((error: unknown) => this.services.terminateIfTerminal(error));
    });
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
