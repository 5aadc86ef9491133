import type { ErrorObject, Operation } from "@aws-sdk/client-lambda";
import type { DurableLambdaHandler, Duration } from "@durable-ts/sdk";
import { InMemoryBackend } from "../backend/index.js";
import type { VirtualClock } from "../clock/index.js";
import { DurableOperation } from "./durable-operation.js";
import { DurableExecutionInvocationInputWithClient } from "./event-with-client.js";
import { createLambdaContext } from "./lambda-context.js";
import { TestResult } from "./test-result.js";
import { toTestResultError } from "./decode.js";
import type { LambdaContext } from "@durable-ts/sdk";

/** Options of {@link LocalDurableTestRunner}. */
export interface LocalRunnerOptions {
  /** The handler under test (the value `durableExecution(...)` returned). */
  handlerFunction: DurableLambdaHandler;
  /** Jump the virtual clock to the next timer whenever nothing else can happen. Default true. */
  skipTime?: boolean;
  /** Bring your own backend (e.g. to share it); default a fresh one per runner. */
  backend?: InMemoryBackend;
  startTime?: Date;
  /** Per-invocation Lambda timeout seen by `getRemainingTimeInMillis`. Default 15 min. */
  invocationTimeout?: Duration;
  /** Execution timeout. Default 1 day. */
  executionTimeout?: Duration;
  lambdaContext?: Partial<LambdaContext>;
  /** Function name in the execution ARN. Default "durable-function". */
  functionName?: string;
}

/** How long (virtual) a failed invocation waits before the retry, and how many consecutive failures end the execution. */
const INVOCATION_RETRY_DELAY_MS = 5_000;
const MAX_CONSECUTIVE_INVOCATION_FAILURES = 5;
/** Guards against a handler that never converges. */
const MAX_INVOCATIONS = 100_000;

/**
 * Runs a durable handler locally on an {@link InMemoryBackend}: invokes it, lets the backend's
 * virtual clock jump to the next wait end or retry, re-invokes, until the execution ends.
 * No global fake timers: every runner owns its clock, so runners can run in parallel.
 */
export class LocalDurableTestRunner<TEvent = any, TResult = any> {
  readonly backend: InMemoryBackend;
  private readonly options: LocalRunnerOptions;
  private executionArn: string | undefined;

  constructor(options: LocalRunnerOptions) {
    this.options = options;
    this.backend =
      options.backend ??
      new InMemoryBackend({
        startTime: options.startTime,
        skipTime: options.skipTime ?? true,
        executionTimeoutSeconds: options.executionTimeout ? toSeconds(options.executionTimeout) : undefined,
      });
  }

  /** No global state to set up: kept for source compatibility with the official testing kit. */
  static async setupTestEnvironment(_options?: { skipTime?: boolean }): Promise<void> {}
  /** No global state to tear down. */
  static async teardownTestEnvironment(): Promise<void> {}

  get clock(): VirtualClock {
    return this.backend.clock;
  }

  /** Starts an execution with `payload` and drives it to its end. */
  async run(request: { payload?: TEvent; executionName?: string; timeoutMs?: number } = {}): Promise<TestResult<TResult>> {
    const functionName = this.options.functionName ?? "durable-function";
    const { executionArn } = this.backend.startExecution({
      functionName,
      input: request.payload === undefined ? undefined : JSON.stringify(request.payload),
      executionName: request.executionName,
    });
    this.executionArn = executionArn;
    const wallDeadline = Date.now() + (request.timeoutMs ?? 30_000);
    let mustInvoke = true;
    let consecutiveFailures = 0;
    for (let invocations = 0; ; ) {
      if ((await this.status(executionArn)) !== "RUNNING") break;
      if (mustInvoke || this.backend.needsInvocation(executionArn)) {
        if (++invocations > MAX_INVOCATIONS) throw new Error(`Execution did not finish within ${MAX_INVOCATIONS} invocations`);
        const thrown = await this.invokeOnce(executionArn, functionName);
        mustInvoke = false;
        if (thrown === undefined) {
          consecutiveFailures = 0;
          continue;
        }
        consecutiveFailures += 1;
        if (consecutiveFailures >= MAX_CONSECUTIVE_INVOCATION_FAILURES) {
          this.backend.failExecution(executionArn, thrown);
          break;
        }
        await this.clock.advance({ milliseconds: INVOCATION_RETRY_DELAY_MS });
        mustInvoke = true;
        continue;
      }
      if (Date.now() > wallDeadline) throw new Error(`run() timed out: ${this.describePending(executionArn)}`);
      const next = this.backend.nextWakeUpMs(executionArn);
      if (next === undefined) {
        throw new Error(`Execution is stuck: nothing can advance it. ${this.describePending(executionArn)}`);
      }
      if (this.clock.skipping) await this.clock.advanceTo(next);
      else await new Promise((resolve) => setTimeout(resolve, Math.min(50, Math.max(1, next - this.clock.nowMs()))));
    }
    return this.result(executionArn);
  }

  /** The n-th operation with that name in the current (or next) execution; usable before `run()`. */
  getOperation<T = any>(name: string, index = 0): DurableOperation<T> {
    return new DurableOperation<T>(() => this.operations(), { by: "name", name, index });
  }
  getOperationByNameAndIndex<T = any>(name: string, index: number): DurableOperation<T> {
    return this.getOperation<T>(name, index);
  }
  /** By start order, EXECUTION excluded. */
  getOperationByIndex<T = any>(index: number): DurableOperation<T> {
    return new DurableOperation<T>(() => this.operations(), { by: "index", index });
  }
  getOperationById<T = any>(id: string): DurableOperation<T> {
    return new DurableOperation<T>(() => this.operations(), { by: "id", id });
  }

  /** Forgets the current execution (handles then point at the next run). */
  reset(): void {
    this.executionArn = undefined;
  }

  /** Runs one invocation; returns the error object when the handler threw (or answered malformed). */
  private async invokeOnce(executionArn: string, functionName: string): Promise<ErrorObject | undefined> {
    const { requestId, event } = this.backend.beginInvocation(executionArn);
    const client = this.backend.durableExecutionClient();
    const input = new DurableExecutionInvocationInputWithClient(event, client);
    const timeoutMs = this.options.invocationTimeout ? toSeconds(this.options.invocationTimeout) * 1000 : 15 * 60_000;
    const lambdaContext = createLambdaContext(functionName, timeoutMs, { awsRequestId: requestId, ...this.options.lambdaContext });
    let answer: unknown;
    try {
      answer = await this.options.handlerFunction(input as never, lambdaContext);
    } catch (error) {
      this.backend.endInvocation(executionArn, requestId, { thrown: error });
      return { ErrorType: (error as Error)?.name ?? "Error", ErrorMessage: (error as Error)?.message ?? String(error) };
    }
    this.backend.endInvocation(executionArn, requestId, answer as never);
    return undefined;
  }

  private async status(executionArn: string): Promise<string | undefined> {
    return (await this.backend.getDurableExecution({ DurableExecutionArn: executionArn })).Status;
  }

  private async result(executionArn: string): Promise<TestResult<TResult>> {
    const execution = await this.backend.getDurableExecution({ DurableExecutionArn: executionArn });
    return new TestResult<TResult>({
      status: execution.Status as string,
      result: execution.Result,
      error: execution.Error,
      operations: this.backend.getOperations(executionArn).filter((operation) => operation.Type !== "EXECUTION"),
      invocations: this.backend.getInvocations(executionArn).map((invocation) => ({
        ...invocation,
        error: toTestResultError(invocation.error),
      })),
    });
  }

  private operations(): Operation[] {
    if (!this.executionArn) return [];
    return this.backend.getOperations(this.executionArn).filter((operation) => operation.Type !== "EXECUTION");
  }

  private describePending(executionArn: string): string {
    const pending = this.backend
      .getOperations(executionArn)
      .filter((operation) => operation.Type !== "EXECUTION" && (operation.Status === "STARTED" || operation.Status === "PENDING"));
    if (pending.length === 0) return "no operation is pending";
    return `pending operations: ${pending.map((operation) => `${operation.Type}${operation.Name ? ` "${operation.Name}"` : ""} (${operation.Status})`).join(", ")}`;
  }
}

function toSeconds(duration: Duration): number {
  const d = duration as { days?: number; hours?: number; minutes?: number; seconds?: number };
  return (d.days ?? 0) * 86_400 + (d.hours ?? 0) * 3_600 + (d.minutes ?? 0) * 60 + (d.seconds ?? 0);
}
