import type { Operation } from "@aws-sdk/client-lambda";
import { durationToSeconds, type DurableLambdaHandler, type Duration, type LambdaContext } from "@durable-ts/sdk";
import { InMemoryBackend, storedHistory } from "../backend/index.js";
import { InvocationScheduler, localLambdaContext, schedulerFor } from "../invoker/index.js";
import type { VirtualClock } from "../clock/index.js";
import { DurableExecutionInvocationInputWithClient, toTestResultError, type EventClient } from "../sdk-io/index.js";
import type { OperationAccess } from "./operation-access.js";
import { CallbackResponders, type CallbackResponder } from "./responders.js";
import { StepMocks, withStepMocks, type StepAttemptInfo, type StepBody, type StepMock } from "./step-mocks.js";
import { RunWarnings, TestResult } from "./test-result.js";
import { OperationHandles } from "./operation-handles.js";

/** A function a chained invoke can call that is not durable: `(event, context) => result`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any plain handler, whatever event it declares (a parameter of unknown would refuse typed ones)
export type PlainHandler = (event: any, context: LambdaContext) => Promise<unknown>;

/**
 * A function `context.invoke` can call. Both kinds are plain functions, so the kind is stated by
 * shape: a bare function is plain (its return value is the result); `{ durable: handler }` runs
 * `handler` (a `durableExecution(...)` value) as a child execution.
 */
export type FunctionMock = PlainHandler | { durable: DurableLambdaHandler };

/** Options of {@link LocalDurableTestRunner.setupTestEnvironment} (the official kit's name). */
export interface LocalDurableTestRunnerSetupParameters {
  /** Default `skipTime` of runners that set none. Default true. */
  skipTime?: boolean;
  /** Accepted for compatibility; checkpoints here are never artificially delayed. */
  checkpointDelay?: number;
}

/** What {@link LocalDurableTestRunner.run} takes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's default: an untyped request takes any payload
export interface InvokeRequest<TEvent = any> {
  /** The execution's input (JSON). */
  payload?: TEvent;
  /** (ours) The durable execution name; default a random one. */
  executionName?: string;
  /** (ours) Real milliseconds before `run()` gives up on an execution that cannot end. Default 30,000. */
  timeoutMs?: number;
}

/** Options of {@link LocalDurableTestRunner}. */
export interface LocalRunnerOptions {
  /** The handler under test (the value `durableExecution(...)` returned). */
  /** Any durable handler: built with this SDK or the official one (it accepts the event-carried transport). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any handler, built with either SDK, whatever its event, context and result types
  handlerFunction: DurableLambdaHandler | ((event: any, context: any) => Promise<any>);
  /**
   * Jump the virtual clock to the next timer whenever nothing else can happen. Default: the
   * `skipTime` of {@link LocalDurableTestRunner.setupTestEnvironment}, else true.
   */
  skipTime?: boolean;
  /** Bring your own backend (e.g. to share it between runners); default a fresh one per runner. */
  backend?: InMemoryBackend;
  startTime?: Date;
  /**
   * Per-invocation Lambda timeout (real time), seen by `getRemainingTimeInMillis` and enforced: an
   * invocation still running then fails as `Sandbox.Timedout` and is retried like any failed
   * invocation. Default 15 min.
   */
  invocationTimeout?: Duration;
  /** Execution timeout (the function's DurableConfig.ExecutionTimeout). Default: none. */
  executionTimeout?: Duration;
  lambdaContext?: Partial<LambdaContext>;
  /** Function name of the handler under test. Default "durable-function". */
  functionName?: string;
  /** Scripted answers to callbacks, by callback (or waitForCallback) name; see {@link CallbackResponder}. */
  callbacks?: Record<string, CallbackResponder>;
  /** Step bodies to replace, by step name; an array answers attempt 1, 2, … and its last entry repeats. */
  stepMocks?: Record<string, StepMock | StepMock[]>;
  /** Functions `context.invoke` can call, by name; see {@link FunctionMock}. */
  functions?: Record<string, FunctionMock>;
}

/** The official kit's name for {@link LocalRunnerOptions}. */
export type LocalDurableTestRunnerParameters = LocalRunnerOptions;

/**
 * Runs a durable handler locally on an {@link InMemoryBackend}: the backend's scheduler invokes it,
 * moves the virtual clock to the next wait end, retry or timeout whenever nothing else can happen,
 * and re-invokes, until the execution ends. No global fake timers: every runner owns its clock, so
 * runners can run in parallel.
 *
 * Test doubles (docs/testing/test-doubles.md): `callbacks` / {@link LocalDurableTestRunner.onCallback}
 * answer callbacks, `stepMocks` / {@link LocalDurableTestRunner.mockStep} replace step bodies, and
 * `functions` provides `context.invoke` targets. On a backend shared by several runners, every
 * runner's responders see every execution on it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's public defaults: untyped runners accept any payload and result
export class LocalDurableTestRunner<TEvent = any, TResult = any> extends OperationHandles {
  readonly backend: InMemoryBackend;
  private readonly scheduler: InvocationScheduler;
  private readonly functionName: string;
  private readonly watched = new Set<string>();
  private readonly responders: CallbackResponders;
  private readonly stepMocks = new StepMocks();
  private executionArn: string | undefined;
  /** True when neither `skipTime` nor `backend` was given: `setupTestEnvironment` decides. */
  private readonly followsEnvironment: boolean;
  /** The `skipTime` of the last `setupTestEnvironment`, applied at `run()` to runners without their own. */
  private static environmentSkipTime: boolean | undefined;
  private readonly warnings = new RunWarnings();

  constructor(options: LocalRunnerOptions) {
    super();
    this.functionName = options.functionName ?? "durable-function";
    this.followsEnvironment = options.backend === undefined && options.skipTime === undefined;
    this.backend =
      options.backend ??
      new InMemoryBackend({
        startTime: options.startTime,
        skipTime: options.skipTime ?? LocalDurableTestRunner.environmentSkipTime ?? true,
        // No limit unless asked: the official runner has none, and long workflows are normal in tests.
        executionTimeoutSeconds: options.executionTimeout ? durationToSeconds(options.executionTimeout, "executionTimeout") : null,
      });
    this.responders = new CallbackResponders(this.backend);
    for (const [name, responder] of Object.entries(options.callbacks ?? {})) this.responders.add(name, responder, `callbacks["${name}"]`);
    for (const [name, mock] of Object.entries(options.stepMocks ?? {})) this.stepMocks.set(name, mock);
    const timeoutMs = options.invocationTimeout ? durationToSeconds(options.invocationTimeout, "invocationTimeout") * 1000 : 15 * 60_000;
    this.scheduler = schedulerFor(this.backend, {
      lambdaContext: (functionName, requestId) =>
        localLambdaContext(functionName, timeoutMs, { ...(options.lambdaContext as Record<string, unknown>), awsRequestId: requestId }),
      wrapEvent: (event) => new DurableExecutionInvocationInputWithClient(event, this.eventClient(event.DurableExecutionArn)),
      invocationTimeoutMs: () => timeoutMs,
      isWatchedCallback: (arn, operationId) => !this.responders.answers(arn, operationId) && this.isWatched(operationId),
    });
    this.registerDurableFunction(this.functionName, options.handlerFunction);
    for (const [name, fn] of Object.entries(options.functions ?? {})) this.registerFunctionMock(name, fn);
  }

  /**
   * As in the official kit: `skipTime` (default true) becomes the default of every runner that sets
   * none, read when it runs, so runners built before this call follow it too. A runner's own
   * `skipTime` (or its own `backend`) wins. No fake timers are installed.
   */
  static async setupTestEnvironment(options: LocalDurableTestRunnerSetupParameters = {}): Promise<void> {
    LocalDurableTestRunner.environmentSkipTime = options.skipTime ?? true;
  }
  /** Forgets the `setupTestEnvironment` settings. */
  static async teardownTestEnvironment(): Promise<void> {
    LocalDurableTestRunner.environmentSkipTime = undefined;
  }

  get clock(): VirtualClock {
    return this.backend.clock;
  }

  /** Makes a durable function callable by `context.invoke` (runs as a child execution). */
  registerDurableFunction(name: string, handler: DurableLambdaHandler): this {
    this.scheduler.registerDurableFunction(name, this.instrument(handler));
    return this;
  }

  /** Makes a plain function callable by `context.invoke` (one call; its return value is the result). */
  registerFunction(name: string, handler: PlainHandler): this {
    this.scheduler.registerFunction(name, handler);
    return this;
  }

  /**
   * Answers callbacks named `name` (or matching it) with `responder`, like the `callbacks` option.
   * The latest registration wins; it applies to callbacks started from now on.
   */
  onCallback(name: string | RegExp, responder: CallbackResponder): this {
    this.responders.add(name, responder);
    return this;
  }

  /** Replaces the body of step `name`, like the `stepMocks` option (one array entry per attempt, the last repeats). */
  mockStep(name: string, mock: StepMock | StepMock[]): this {
    this.stepMocks.set(name, mock);
    return this;
  }

  /** Starts an execution with `payload` and drives it to its end. */
  async run(request: InvokeRequest<TEvent> = {}): Promise<TestResult<TResult>> {
    if (this.followsEnvironment) this.backend.clock.setSkipping(LocalDurableTestRunner.environmentSkipTime ?? true);
    const input = request.payload === undefined ? undefined : JSON.stringify(request.payload);
    const executionArn = this.scheduler.start(this.functionName, input, request.executionName);
    this.executionArn = executionArn;
    let stalled: { error: unknown } | undefined;
    try {
      await this.scheduler.runUntilDone(executionArn, { wallTimeoutMs: request.timeoutMs ?? 30_000 });
    } catch (error) {
      stalled = { error };
    }
    // A broken responder stopped the execution: its error explains the run better than the outcome.
    const [responderError] = this.responders.takeErrors();
    if (responderError) throw responderError;
    if (stalled) throw stalled.error;
    return this.result(executionArn);
  }

  /** Forgets the current execution (handles then point at the next run). */
  reset(): void {
    this.executionArn = undefined;
    this.watched.clear();
  }

  /**
   * The result of an ended execution. Its records no longer change, so the result copies its
   * operations only when first asked for them, and keeps the stored history events (it hands out
   * only copies): a run whose result nobody inspects copies none of its thousands of records.
   */
  private async result(executionArn: string): Promise<TestResult<TResult>> {
    const execution = await this.backend.getDurableExecution({ DurableExecutionArn: executionArn });
    const backend = this.backend;
    let operations: Operation[] | undefined;
    return new TestResult<TResult>(
      {
        status: execution.Status as string,
        result: execution.Result,
        error: execution.Error,
        get operations() {
          return (operations ??= backend.getOperations(executionArn).filter((operation) => operation.Type !== "EXECUTION"));
        },
        invocations: backend.getInvocations(executionArn).map((invocation) => ({ ...invocation, error: toTestResultError(invocation.error) })),
        history: storedHistory(backend, executionArn).slice(),
        executionArn,
        backend,
        warnings: this.warnings.of(executionArn),
      },
      this.access(),
    );
  }

  private operations(executionArn = this.executionArn): Operation[] {
    if (!executionArn) return [];
    return this.backend.getOperations(executionArn).filter((operation) => operation.Type !== "EXECUTION");
  }

  /** `functions` entries: a bare function is plain, `{ durable }` is a durable function. */
  private registerFunctionMock(name: string, fn: FunctionMock): void {
    if (typeof fn === "function") this.registerFunction(name, fn);
    else if (typeof fn === "object" && fn !== null && typeof fn.durable === "function") this.registerDurableFunction(name, fn.durable);
    else {
      throw new TypeError(`functions["${name}"]: expected a plain handler (event, context) => result or { durable: handler }, received ${JSON.stringify(fn)}`);
    }
  }

  /**
   * Every durable handler this runner registers runs with its step mocks in scope (for official-SDK
   * handlers, see `stepMockPlugin`), and its invocation stays open until the callback responders
   * it triggered are resolved, so skip-time cannot move the clock under an async responder.
   */
  private instrument(handler: DurableLambdaHandler): DurableLambdaHandler {
    return (event, context) =>
      withStepMocks(this.stepMocks, async () => {
        try {
          return await handler(event, context);
        } finally {
          await this.responders.settled(event.DurableExecutionArn);
        }
      });
  }

  /** The transport on the event: the backend's client, its virtual clock, and the step-mock seam. */
  private eventClient(executionArn: string): EventClient & { stepBodyOverride(info: StepAttemptInfo): StepBody | undefined } {
    return {
      ...this.backend.durableExecutionClient(),
      reportWarning: (warning) => this.warnings.add(executionArn, warning),
      now: () => this.backend.clock.nowMs(),
      sleepUntil: (atMs, signal) => this.scheduler.sleepUntil(atMs, signal),
      stepBodyOverride: (info) => this.stepMocks.override(info),
    };
  }

  /** A callback is watched when the test waits on it (or on its waitForCallback context). */
  private isWatched(operationId: string): boolean {
    if (this.watched.has(operationId)) return true;
    const parent = this.operations().find((operation) => operation.Id === operationId)?.ParentId;
    return parent !== undefined && this.watched.has(parent);
  }

  protected access(): OperationAccess {
    const backend = this.backend;
    return {
      operations: () => this.operations(),
      onChange: (listener) => {
        const offOperation = backend.onOperationStatus(() => listener());
        const offExecution = backend.onExecutionChange(() => listener());
        return () => {
          offOperation();
          offExecution();
        };
      },
      executionEnded: () => this.executionArn !== undefined && !backend.isRunning(this.executionArn),
      endReason: async () => {
        if (this.executionArn === undefined) return undefined;
        const { Status, Error: error } = await backend.getDurableExecution({ DurableExecutionArn: this.executionArn });
        return `${Status}${error?.ErrorMessage ? `: ${error.ErrorMessage}` : ""}`;
      },
      watch: (operationId) => this.watched.add(operationId),
      sendCallbackSuccess: async (callbackId, result) => {
        // No result sends no body: the handler gets undefined, as with the official kit.
        await backend.sendDurableExecutionCallbackSuccess({ CallbackId: callbackId, Result: result });
      },
      sendCallbackFailure: async (callbackId, error) => {
        await backend.sendDurableExecutionCallbackFailure({ CallbackId: callbackId, Error: error ?? {} });
      },
      sendCallbackHeartbeat: async (callbackId) => {
        await backend.sendDurableExecutionCallbackHeartbeat({ CallbackId: callbackId });
      },
    };
  }
}
