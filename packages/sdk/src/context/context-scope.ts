import type { OperationUpdate } from "@aws-sdk/client-lambda";
import { CancelledError, ConfigError } from "../errors/index.js";
import { createContextLogger, type DurableContextLogger, type DurableLogData, type DurableLogger } from "../logging/index.js";
import { DurablePromise, observationOfCurrentOperation, type Settlement, type SettlementHook } from "../operations/durable-promise.js";
import { FlowSlot } from "../operations/flow-slot.js";
import type { ChildScope, ClaimedOperation, InvocationServices, OperationDescriptor, OperationScope, ReplayTracker, ReservedPositions } from "../replay/host.js";
import { PatchMarkers } from "../operations/patches.js";
import type { OperationInfo } from "../observability/index.js";
import { assertSameOperation, endedEarlyError } from "../replay/signature.js";
import type { Deserializer, Serdes } from "../serdes/index.js";
import type { DurableContext } from "./durable-context.js";
import type { LambdaContext } from "./lambda-context.js";
import { childRawId, hashOperationId } from "./operation-id.js";

const OPEN_STATUSES = new Set(["STARTED", "PENDING", "READY"]);

/** A claimed operation as plugin hooks see it. */
export function operationInfo(claimed: ClaimedOperation & OperationDescriptor): OperationInfo {
  return { operationId: claimed.id, position: claimed.rawId, parentId: claimed.parentId, name: claimed.name, type: claimed.type, subType: claimed.subType };
}

/** Which context is active in the current async flow, and whether a step body is running. */
interface ActiveScope {
  context: ContextScope;
  inBody: boolean;
}

const activeScope = new FlowSlot<ActiveScope>();

/** Settings a context passes on to the children it creates. */
export interface ContextSettings {
  serdes: Serdes<unknown>;
  /** Versioning markers of the invocation (shared by every context). */
  patches: PatchMarkers;
  callbackDeserializer?: Deserializer<unknown>;
  logger: DurableLogger;
  modeAware: boolean;
}

/** Creates the settings of a root context (children inherit and may override them). */
export function rootSettings(services: InvocationServices, base: Omit<ContextSettings, "patches">): ContextSettings {
  return { ...base, patches: new PatchMarkers(services, (patchId) => hashOperationId(`patch:${patchId}`)) };
}

/** Where a context sits and what it inherits. */
export interface ContextOptions {
  lambdaContext: LambdaContext;
  /** The signal, or how to build it on first read (a child's combines its parent's and its own). */
  signal: AbortSignal | (() => AbortSignal);
  prefix?: string;
  parentWireId?: string;
  /** Name of the operation that opened this context (child contexts only), for log data. */
  operationName?: string;
  settings: ContextSettings;
  parent?: ContextScope;
  /** Told of every claim in this context and its descendants (a FLAT item's; default: the parent's). */
  tracker?: ReplayTracker;
}

/**
 * The mechanics of one durable context, as operations see it (`OperationScope`): positions
 * (`<prefix>-<n>`) checked against the history, the active-context rule, cancellation, child
 * contexts. The user-facing methods live in `DurableContextImpl`, which extends this.
 */
export abstract class ContextScope implements OperationScope<DurableContext> {
  readonly services: InvocationServices;
  readonly lambdaContext: LambdaContext;
  /** Built on first read: most contexts (every map item is one) never log. */
  private loggerInstance: DurableContextLogger | undefined;
  private signalSource: AbortSignal | (() => AbortSignal);
  protected readonly prefix: string;
  protected readonly parentWireId: string | undefined;
  private readonly operationName: string | undefined;
  protected settings: ContextSettings;
  protected counter = 0;
  private readonly parent: ContextScope | undefined;
  private readonly tracker: ReplayTracker | undefined;
  private cancelReason: Error | undefined;
  /** The operation the last claim took (plugin end hooks and the forgotten-await warning report it). */
  private lastClaimed: ClaimedOperation | undefined;
  private lastDescriptor: OperationDescriptor | undefined;

  constructor(services: InvocationServices, options: ContextOptions) {
    this.services = services;
    this.lambdaContext = options.lambdaContext;
    this.signalSource = options.signal;
    this.prefix = options.prefix ?? "";
    this.parentWireId = options.parentWireId;
    this.operationName = options.operationName;
    this.parent = options.parent;
    this.tracker = bothTrackers(options.tracker, options.parent?.tracker);
    this.settings = { ...options.settings };
  }

  /** The context's logger: replay-aware, with this context's log data. */
  get logger(): DurableContextLogger {
    return (this.loggerInstance ??= createContextLogger(
      {
        error: (...p) => this.settings.logger.error(...p),
        warn: (...p) => this.settings.logger.warn(...p),
        info: (...p) => this.settings.logger.info(...p),
        debug: (...p) => this.settings.logger.debug(...p),
      },
      () => !this.settings.modeAware || !this.isReplaying(),
      () => this.logData(),
    ));
  }

  /** Aborted when this context is cancelled or the invocation ends (built on first read). */
  get signal(): AbortSignal {
    if (typeof this.signalSource === "function") this.signalSource = this.signalSource();
    return this.signalSource;
  }

  /** The user-facing context object for a child at `options` (a `DurableContextImpl`). */
  protected abstract newChild(options: ContextOptions): ContextScope & DurableContext;

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

  isReplaying(): boolean {
    return this.services.log.has(hashOperationId(childRawId(this.prefix, this.counter + 1)));
  }

  // ---- OperationScope -------------------------------------------------------------------------

  enqueue(update: OperationUpdate): Promise<void> {
    const cancelled = this.cancelled;
    return cancelled ? Promise.reject(cancelled) : this.services.enqueue(update);
  }

  post(update: OperationUpdate): void {
    if (!this.cancelled) this.services.post(update);
  }

  claim(descriptor: OperationDescriptor): ClaimedOperation {
    this.assertUsable(methodOf(descriptor));
    this.counter += 1;
    return this.checkAt(this.counter, descriptor);
  }

  reserve(count: number): ReservedPositions {
    this.assertUsable("map/parallel");
    const first = this.counter + 1;
    this.counter += count;
    return {
      at: (index, descriptor) => this.checkAt(first + index, descriptor),
      peek: (index) => this.services.log.get(hashOperationId(childRawId(this.prefix, first + index))),
      rawId: (index) => childRawId(this.prefix, first + index),
      peekUnder: (index, position) => this.services.log.get(hashOperationId(childRawId(childRawId(this.prefix, first + index), position))),
    };
  }

  /** The position `counter` of this context, verified against the history. */
  private checkAt(counter: number, descriptor: OperationDescriptor): ClaimedOperation {
    const rawId = childRawId(this.prefix, counter);
    const id = hashOperationId(rawId);
    const stored = this.services.log.get(id);
    const claimed: ClaimedOperation = { rawId, id, parentId: this.parentWireId, name: descriptor.name, stored };
    // Plain literals, not spreads: this runs for every operation of every replay.
    if (stored) {
      assertSameOperation(stored, { rawId, id, parentId: this.parentWireId, type: descriptor.type, subType: descriptor.subType, name: descriptor.name });
    }
    const replayed = stored !== undefined && !OPEN_STATUSES.has(stored.Status ?? "");
    this.services.metrics.countClaim(replayed);
    this.tracker?.claimed(stored, replayed);
    // Two references, no allocation: this runs for every operation of every replay.
    this.lastClaimed = claimed;
    this.lastDescriptor = descriptor;
    const plugins = this.services.plugins;
    if (plugins) plugins.emit(replayed ? "onOperationReplay" : "onOperationStart", operationInfo({ ...claimed, ...descriptor }));
    return claimed;
  }

  /** A cancelled context, or one running after the invocation answered, writes nothing. */
  protected assertUsable(method: string): void {
    if (this.services.ended) throw new CancelledError("INVOCATION_ENDING");
    const cancelled = this.cancelled;
    if (cancelled) throw cancelled;
    this.assertActive(method);
  }

  /** Why this context (or an ancestor) was cancelled, if it was. */
  get cancelled(): Error | undefined {
    return this.cancelReason ?? this.parent?.cancelled;
  }

  createChild(position: ClaimedOperation): ChildScope<DurableContext> {
    return this.child(position.rawId, position.id, position.name);
  }

  createVirtualChild(rawId: string, name: string | undefined, tracker?: ReplayTracker): ChildScope<DurableContext> {
    return this.child(rawId, this.parentWireId, name, tracker);
  }

  private child(prefix: string, parentWireId: string | undefined, operationName: string | undefined, tracker?: ReplayTracker): ChildScope<DurableContext> {
    const abort = new AbortController();
    const child = this.newChild({
      lambdaContext: this.lambdaContext,
      signal: () => AbortSignal.any([this.signal, abort.signal]),
      prefix,
      parentWireId,
      operationName,
      settings: this.settings,
      parent: this,
      tracker,
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
    return createContextLogger(
      this.settings.logger,
      () => true,
      () => ({
        ...this.logData(),
        operationId: operation.id,
        operationName: operation.name,
        attempt,
      }),
    );
  }

  /** Non-determinism check at the end of a body: the history must hold nothing at the next position. */
  assertEnded(): void {
    const rawId = childRawId(this.prefix, this.counter + 1);
    const id = hashOperationId(rawId);
    const stored = this.services.log.get(id);
    if (stored) throw endedEarlyError(stored, { rawId, id, parentId: this.parentWireId });
  }

  // ---- internals ------------------------------------------------------------------------------

  /** Runs a synchronous durable call; a terminal error ends the execution (and is thrown, the call cannot return). */
  protected sync<T>(call: () => T): T {
    try {
      return call();
    } catch (error) {
      void this.services.escalate(error).catch(() => undefined);
      throw error;
    }
  }

  /** Starts an operation eagerly (or lazily); a terminal error (misuse, bad config, non-determinism) ends the execution. */
  protected operation<T>(start: (onChild: (child: ChildScope<DurableContext>) => void) => Promise<T>, options: { lazy?: boolean } = {}): DurablePromise<T> {
    // Set when the operation starts; runs in the DurablePromise's one settlement reaction.
    let finish: SettlementHook<T> = (settlement) => (settlement.ok ? settlement : this.escalated(settlement));
    const begin = (onCancel: (cancel: (reason: Error) => void) => void): Promise<T> => {
      const before = this.lastClaimed;
      const started = start((child) => onCancel((reason) => child.cancel(reason)));
      const claimed = this.lastClaimed;
      if (!claimed || claimed === before) return started;
      const descriptor = this.lastDescriptor as OperationDescriptor;
      const plugins = this.services.plugins;
      if (plugins) {
        const info = operationInfo({ ...claimed, ...descriptor });
        started.then(
          () => plugins.emit("onOperationEnd", { ...info, outcome: "SUCCEEDED" }),
          (error: Error) => plugins.emit("onOperationEnd", { ...info, outcome: "FAILED", error }),
        );
      }
      const settled = this.services.unawaited.start({
        operationId: claimed.id,
        name: claimed.name,
        type: descriptor.type,
        observation: observationOfCurrentOperation(),
        cancelled: () => this.cancelled !== undefined,
      });
      finish = (settlement) => {
        if (settlement.ok) {
          settled();
          return settlement;
        }
        settled(settlement.error ?? new Error("undefined"));
        return this.escalated(settlement);
      };
      return started;
    };
    return new DurablePromise(begin, { ...options, onSettled: (settlement) => finish(settlement) });
  }

  /** A failure that ends the execution (terminal) never settles; any other passes through. */
  private escalated<T>(failure: Settlement<T>): Promise<Settlement<T>> {
    if (failure.ok) return Promise.resolve(failure);
    return this.services.escalate(failure.error).catch(() => failure);
  }

  /** Misuse messages open with the official SDK's phrase, which tests written for it look for. */
  protected assertActive(method: string): void {
    const active = activeScope.get();
    if (active === undefined) return;
    if (active.inBody) {
      throw new ConfigError(
        "CONTEXT_MISUSE",
        `Context usage error in "${method}": durable operations cannot be called inside a step, wait-for-condition check or callback submitter body: use context.runInChildContext to group operations`,
      );
    }
    if (active.context !== this) {
      throw new ConfigError(
        "CONTEXT_MISUSE",
        `Context usage error in "${method}": called on a context that is not the active one: inside runInChildContext (or a map/parallel branch) use the context passed to the function`,
      );
    }
  }

  /** Inside a child context, the operation that opened it is part of every line (as in the official SDK). */
  protected logData(): DurableLogData {
    const data: DurableLogData = { requestId: this.services.requestId, executionArn: this.services.executionArn };
    if (this.parentWireId !== undefined) data.operationId = this.parentWireId;
    if (this.operationName !== undefined) data.operationName = this.operationName;
    // Only present when true: a line logged while this context replays (modeAware off).
    if (this.isReplaying()) data.replaying = true;
    return data;
  }
}

/** A FLAT item inside another: the claims under it count for both. */
function bothTrackers(own: ReplayTracker | undefined, inherited: ReplayTracker | undefined): ReplayTracker | undefined {
  if (!own || !inherited) return own ?? inherited;
  return {
    claimed: (stored, replayed) => {
      own.claimed(stored, replayed);
      inherited.claimed(stored, replayed);
    },
  };
}

/** The method name a descriptor stands for, as misuse messages name it (`Step` → `step`). */
function methodOf(descriptor: OperationDescriptor): string {
  const subType = descriptor.subType;
  if (subType === "ChainedInvoke") return "invoke";
  if (subType === "Callback") return "createCallback";
  return subType.charAt(0).toLowerCase() + subType.slice(1);
}
