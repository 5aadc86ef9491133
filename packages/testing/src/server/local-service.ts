/**
 * What the routes work on: an {@link InMemoryBackend}, the scheduler that invokes its functions,
 * the execution driver, and the Runtime API queue of every `{external: true}` function.
 */
import { randomUUID } from "node:crypto";
import type { GetDurableExecutionCommandOutput } from "@aws-sdk/client-lambda";
import { functionArn, InMemoryBackend, type DurableInvocationEvent, type InvocationType } from "../backend/index.js";
import { delay } from "../clock/real-time.js";
import { functionNameOf, localLambdaContext, schedulerFor, type InvocationScheduler, type LambdaHandler } from "../invoker/index.js";
import { ExecutionDriver } from "./execution-driver.js";
import { FunctionRuntime } from "./function-runtime.js";
import { toEventJson } from "./shapes.js";

/** The unqualified ARN of a local function (region and account of the backend's ARNs). */
export const localFunctionArn = functionArn;

/**
 * A function the local server runs: a durable handler (in this process), or `{external: true}`
 * for one served by a separate process through the Runtime API (`timeoutMs`: how long one
 * invocation may take, default the service's 15 minutes; `onTimeout`: called when an invocation
 * timed out, e.g. to restart the stuck process as Lambda resets a timed-out sandbox). `durable: false`
 * makes it a plain function: Invoke hands the payload to its process as is and answers what it posts
 * (see plain-invoke.ts).
 */
export type LocalFunction = LambdaHandler | { external: true; timeoutMs?: number; onTimeout?: (requestId: string) => void; durable?: boolean };

/** Options of {@link LocalService}. */
export interface LocalServiceOptions {
  backend?: InMemoryBackend;
  functions?: Record<string, LocalFunction>;
  /** Jump the clock to the next timer when nothing else can happen (default false: real time). Ignored with `backend`. */
  skipTime?: boolean;
  /** Real milliseconds added to every checkpoint, to simulate the service's round trip. Default 0. */
  checkpointLatencyMs?: number;
  /** What in-process handlers see in `getRemainingTimeInMillis`. Default 15 minutes. */
  invocationTimeoutMs?: number;
  /**
   * Execution timeout in seconds by function name (`null`: none), like each function's
   * DurableConfig.ExecutionTimeout; others keep the service's default of 1 day.
   */
  executionTimeouts?: Record<string, number | null>;
}

const FIFTEEN_MINUTES = 900_000;

export class LocalService {
  readonly backend: InMemoryBackend;
  readonly checkpointLatencyMs: number;
  private readonly scheduler: InvocationScheduler;
  private readonly driver: ExecutionDriver;
  private readonly names = new Set<string>();
  private readonly runtimes = new Map<string, FunctionRuntime>();
  private readonly driven = new Set<string>();
  private readonly plain = new Set<string>();

  constructor(o: LocalServiceOptions = {}) {
    const latency = o.checkpointLatencyMs ?? 0;
    if (!Number.isFinite(latency) || latency < 0) throw new RangeError(`checkpointLatencyMs: expected a number >= 0, received ${latency}`);
    this.checkpointLatencyMs = latency;
    this.backend = o.backend ?? new InMemoryBackend({ skipTime: o.skipTime ?? false });
    const timeoutMs = o.invocationTimeoutMs ?? FIFTEEN_MINUTES;
    const backend = this.backend;
    this.scheduler = schedulerFor(backend, {
      lambdaContext: (functionName, requestId) => localLambdaContext(functionName, timeoutMs, { awsRequestId: requestId }),
      // External functions' timeouts are counted by their FunctionRuntime, from delivery to a process.
      invocationTimeoutMs: (functionName) => (this.runtimes.has(functionName) ? undefined : timeoutMs),
      // In-process handlers checkpoint straight into the backend (a duck-typed event client, protocol §12).
      wrapEvent: (event) => ({
        ...event,
        durableExecutionClient: {
          checkpoint: async (params: Parameters<InMemoryBackend["checkpointDurableExecution"]>[0]) => {
            await delay(this.checkpointLatencyMs);
            return backend.checkpointDurableExecution(params);
          },
          getExecutionState: (params: Parameters<InMemoryBackend["getDurableExecutionState"]>[0]) => backend.getDurableExecutionState(params),
          now: () => backend.clock.nowMs(),
        },
      }),
    });
    this.driver = new ExecutionDriver(backend, this.scheduler);
    for (const [name, fn] of Object.entries(o.functions ?? {})) this.registerFunction(name, fn);
    for (const [name, seconds] of Object.entries(o.executionTimeouts ?? {})) backend.setExecutionTimeout(name, seconds);
  }

  /**
   * Drives the running executions of `functionName` that the backend holds but nobody drives:
   * ones restored from a data file. Called when their function is registered.
   */
  private resumeExecutionsOf(functionName: string): void {
    for (const arn of this.backend.listExecutionArns()) {
      if (this.driven.has(arn) || !this.backend.isRunning(arn)) continue;
      const summary = this.backend.executionSummary(arn);
      if (summary.functionName !== functionName) continue;
      this.startExecution(functionName, summary.input, summary.executionName, summary.invocationType);
    }
  }

  /** Registers a function under `name` (1–64 of `[a-zA-Z0-9-_]`). */
  registerFunction(name: string, fn: LocalFunction): void {
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) throw new TypeError(`functions: a name must be 1-64 characters of [a-zA-Z0-9-_], received ${JSON.stringify(name)}`);
    if (typeof fn === "function") {
      this.scheduler.registerDurableFunction(name, fn);
    } else if (typeof fn === "object" && fn !== null && fn.external === true) {
      const timeoutMs = fn.timeoutMs ?? FIFTEEN_MINUTES;
      if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new RangeError(`functions.${name}.timeoutMs: expected a positive integer, received ${timeoutMs}`);
      const runtime = new FunctionRuntime(name, timeoutMs, fn.onTimeout);
      this.runtimes.set(name, runtime);
      if (fn.durable === false) this.plain.add(name);
      else this.scheduler.registerDurableFunction(name, (event, context) => this.invokeExternal(runtime, event, context));
    } else {
      throw new TypeError(`functions.${name}: expected a durable handler or { external: true }`);
    }
    this.names.add(name);
    this.resumeExecutionsOf(name);
  }

  /** True when a function (name, partial or full ARN) is registered. */
  hasFunction(nameOrArn: string): boolean {
    return this.names.has(functionNameOf(nameOrArn));
  }

  /** The registered function names, in registration order. */
  functionNames(): string[] {
    return [...this.names];
  }

  /** True for an `{external: true, durable: false}` function. */
  isPlain(name: string): boolean {
    return this.plain.has(name);
  }

  /** The Runtime API state of an external function. */
  runtime(name: string): FunctionRuntime | undefined {
    return this.runtimes.get(name);
  }

  /**
   * Starts an execution, or returns the existing one of the same name and input (another input:
   * DurableExecutionAlreadyStartedException). It runs in the background.
   */
  startExecution(functionName: string, input: string | undefined, executionName?: string, invocationType?: InvocationType): string {
    const name = executionName ?? randomUUID();
    // Idempotent: the backend answers a known (function, name, input) with the existing ARN.
    const { executionArn } = this.backend.startExecution({ functionName, input, executionName: name, invocationType });
    if (!this.driven.has(executionArn)) {
      this.driven.add(executionArn);
      this.scheduler.start(functionName, input, name);
      this.driver.add(executionArn);
    }
    return executionArn;
  }

  /** Resolves once the execution is terminal, or when `signal` aborts. */
  waitForEnd(executionArn: string, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        off();
        signal.removeEventListener("abort", done);
        resolve();
      };
      const off = this.backend.onExecutionChange((arn) => {
        if (arn === executionArn) done();
      });
      signal.addEventListener("abort", done, { once: true });
      if (!this.backend.isRunning(executionArn) || signal.aborted) done();
    });
  }

  /** Every execution of a function (GetDurableExecution without data), in start order. */
  async executionsOf(functionName: string): Promise<GetDurableExecutionCommandOutput[]> {
    const suffix = `:function:${functionName}`;
    const out: GetDurableExecutionCommandOutput[] = [];
    for (const arn of this.backend.listExecutionArns()) {
      const execution = await this.backend.getDurableExecution({ DurableExecutionArn: arn, IncludeExecutionData: false });
      if (execution.FunctionArn?.endsWith(suffix)) out.push(execution);
    }
    return out;
  }

  /** Stops driving executions and fails invocations still waiting for a process. */
  async close(): Promise<void> {
    await this.driver.close();
    for (const runtime of this.runtimes.values()) runtime.close("The local server is closing");
  }

  private async invokeExternal(runtime: FunctionRuntime, event: unknown, context: { awsRequestId: string }): Promise<unknown> {
    // Only what Lambda sends crosses the process boundary: never the in-process client (the
    // scheduler hands over the backend's invocation event, which wrapEvent extended).
    const { DurableExecutionArn, CheckpointToken, InitialExecutionState } = event as DurableInvocationEvent;
    const body = await runtime.invoke(toEventJson({ DurableExecutionArn, CheckpointToken, InitialExecutionState }), {
      requestId: context.awsRequestId,
      functionArn: functionArn(runtime.name),
    });
    try {
      return JSON.parse(body);
    } catch {
      return body; // not JSON: the backend records a malformed answer
    }
  }
}
