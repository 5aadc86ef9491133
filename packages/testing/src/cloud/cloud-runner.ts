/**
 * `CloudDurableTestRunner`: the local runner's interface over a real service endpoint (AWS, the
 * local server, or anything speaking client-lambda). It invokes the function with a durable
 * execution name, finds the execution by that name, polls GetDurableExecution and
 * GetDurableExecutionHistory, and rebuilds the operations from history, so the same test body
 * runs against either runner.
 */
import { OperationHandles } from "../runners/operation-handles.js";
import { randomUUID } from "node:crypto";
import type { ErrorObject, Event, GetDurableExecutionCommandOutput, LambdaClient, Operation } from "@aws-sdk/client-lambda";
import { clientLambda } from "../client-lambda/index.js";
import { TestResult, type OperationAccess } from "../runners/index.js";
import { toTestResultError } from "../sdk-io/index.js";
import { CallbackResponders, type CallbackResponder, type CallbackSender } from "./callback-responders.js";
import { invocationsFromHistory, operationsFromHistory } from "../history/history-operations.js";

/** Options of {@link CloudDurableTestRunner}. */
export interface CloudRunnerOptions {
  /** Function name, partial or full ARN (a qualifier may be included). */
  functionName: string;
  /** The client to use (default `new LambdaClient({})`: region, credentials and `AWS_ENDPOINT_URL_LAMBDA` from the environment). */
  client?: LambdaClient;
  /** Responders by callback name (see {@link CallbackResponder}). */
  callbacks?: Record<string, CallbackResponder>;
  config?: CloudDurableTestRunnerConfig;
}

/** `CloudRunnerOptions.config` (the official kit's name). */
export interface CloudDurableTestRunnerConfig {
  /** Real milliseconds between polls. Default 1000. */
  pollInterval?: number;
  /** How `run()` invokes. Default RequestResponse (the invoke waits; the runner polls meanwhile). */
  invocationType?: "RequestResponse" | "Event";
}

/** The official kit's name for {@link CloudRunnerOptions}. */
export type CloudDurableTestRunnerParameters = CloudRunnerOptions;

const TERMINAL = new Set(["SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED"]);

interface Tracked {
  name: string;
  arn?: string;
  operations: Operation[];
  status?: string;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs a deployed (or locally served) durable function from a test, with the interface of
 * `LocalDurableTestRunner`. Time is real: waits take as long as they say.
 * @example
 * const runner = new CloudDurableTestRunner({ functionName: "orders", client, config: { pollInterval: 200 } });
 * const result = await runner.run({ payload: { orderId: 42 } });
 * expect(result.getStatus()).toBe("SUCCEEDED");
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's public defaults: untyped runners accept any payload and result
export class CloudDurableTestRunner<TEvent = any, TResult = any> extends OperationHandles {
  readonly functionName: string;
  private readonly client: LambdaClient;
  private readonly pollInterval: number;
  private readonly invocationType: "RequestResponse" | "Event";
  private readonly responders: CallbackResponders;
  private readonly listeners = new Set<() => void>();
  private current: Tracked | undefined;

  constructor(o: CloudRunnerOptions) {
    super();
    if (typeof o?.functionName !== "string" || o.functionName === "")
      throw new TypeError(`functionName: expected a function name or ARN, received ${JSON.stringify(o?.functionName)}`);
    const pollInterval = o.config?.pollInterval ?? 1000;
    if (!Number.isFinite(pollInterval) || pollInterval < 1) throw new RangeError(`config.pollInterval: expected milliseconds >= 1, received ${pollInterval}`);
    const invocationType = o.config?.invocationType ?? "RequestResponse";
    if (invocationType !== "RequestResponse" && invocationType !== "Event") {
      throw new TypeError(`config.invocationType: expected RequestResponse or Event, received ${JSON.stringify(invocationType)}`);
    }
    this.functionName = o.functionName;
    this.client = o.client ?? new (clientLambda().LambdaClient)({});
    this.pollInterval = pollInterval;
    this.invocationType = invocationType;
    this.responders = new CallbackResponders(o.callbacks);
  }

  /** No global state: kept for source compatibility with the official testing kit. */
  static async setupTestEnvironment(): Promise<void> {}
  static async teardownTestEnvironment(): Promise<void> {}

  /** Adds a responder for callbacks with that name (or matching the pattern). */
  onCallback(name: string | RegExp, responder: CallbackResponder): this {
    this.responders.add(name, responder);
    return this;
  }

  /**
   * Invokes the function with `payload` under a durable execution name (`executionName`, or a new
   * one) and resolves when the execution has ended. Rejects when the invoke fails (e.g.
   * DurableExecutionAlreadyStartedException) or after `timeoutMs` (default 30,000) of real time.
   */
  async run(request: { payload?: TEvent; executionName?: string; timeoutMs?: number } = {}): Promise<TestResult<TResult>> {
    const tracked: Tracked = { name: request.executionName ?? `test-${randomUUID()}`, operations: [] };
    this.current = tracked;
    this.responders.reset();
    const timeoutMs = request.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    const abort = new AbortController();
    // Written by the invoke's callbacks; a holder keeps TypeScript from narrowing it away.
    const invoke: { error?: { error: unknown }; done: boolean } = { done: false };
    const invoked = this.client
      .send(
        new (clientLambda().InvokeCommand)({
          FunctionName: this.functionName,
          InvocationType: this.invocationType,
          DurableExecutionName: tracked.name,
          Payload: request.payload === undefined ? undefined : Buffer.from(JSON.stringify(request.payload), "utf8"),
        }),
        { abortSignal: abort.signal },
      )
      .then(
        (output) => {
          tracked.arn ??= output.DurableExecutionArn;
        },
        (error: unknown) => {
          invoke.error = { error };
        },
      )
      .finally(() => {
        invoke.done = true;
      });
    try {
      for (;;) {
        if (invoke.error) throw invoke.error.error;
        if (tracked.arn === undefined) tracked.arn = await this.findExecution(tracked.name);
        if (tracked.arn !== undefined) {
          const description = await this.describe(tracked.arn, false);
          await this.refresh(tracked);
          if (TERMINAL.has(description.Status ?? "")) break;
        }
        const errors = this.responders.takeErrors();
        if (errors.length > 0) throw errors[0];
        if (Date.now() >= deadline) throw new Error(`run() timed out after ${timeoutMs} ms: ${this.describePending(tracked)}`);
        await sleep(this.pollInterval);
      }
      if (!invoke.done && this.invocationType === "RequestResponse") await invoked;
      const failed = invoke.error as { error: unknown } | undefined; // set while awaiting
      if (failed) throw failed.error;
      const final = await this.describe(tracked.arn!, true);
      const events = await this.refresh(tracked);
      tracked.status = final.Status;
      this.notify();
      return new TestResult<TResult>(
        {
          status: final.Status as string,
          result: final.Result,
          error: final.Error,
          operations: tracked.operations,
          invocations: invocationsFromHistory(events).map((i) => ({ ...i, error: toTestResultError(i.error) })),
        },
        this.access(),
      );
    } finally {
      abort.abort();
      await invoked;
    }
  }

  /** Forgets the current execution (handles then point at the next run). */
  reset(): void {
    this.current = undefined;
    this.notify();
  }

  /** The ARN of the current execution, once known. */
  get executionArn(): string | undefined {
    return this.current?.arn;
  }

  private async findExecution(name: string): Promise<string | undefined> {
    const page = await this.client.send(
      new (clientLambda().ListDurableExecutionsByFunctionCommand)({ FunctionName: this.functionName, DurableExecutionName: name, MaxItems: 1 }),
    );
    return page.DurableExecutions?.[0]?.DurableExecutionArn;
  }

  private describe(arn: string, includeData: boolean): Promise<GetDurableExecutionCommandOutput> {
    return this.client.send(new (clientLambda().GetDurableExecutionCommand)({ DurableExecutionArn: arn, IncludeExecutionData: includeData }));
  }

  /** Reads the whole history, rebuilds the operations, tells listeners and responders of changes. */
  private async refresh(tracked: Tracked): Promise<Event[]> {
    const events: Event[] = [];
    let marker: string | undefined;
    do {
      const page = await this.client.send(new (clientLambda().GetDurableExecutionHistoryCommand)({ DurableExecutionArn: tracked.arn, Marker: marker, MaxItems: 1000 }));
      events.push(...(page.Events ?? []));
      marker = page.NextMarker;
    } while (marker);
    const operations = operationsFromHistory(events);
    const changed = JSON.stringify(operations) !== JSON.stringify(tracked.operations);
    tracked.operations = operations;
    if (this.current === tracked) {
      this.responders.scan(operations, this.sender());
      if (changed) this.notify();
    }
    return events;
  }

  private describePending(tracked: Tracked): string {
    if (tracked.arn === undefined) return `no execution named ${tracked.name} was found for ${this.functionName}`;
    const open = tracked.operations.filter((op) => op.Status === "STARTED" || op.Status === "PENDING" || op.Status === "READY");
    return open.length === 0
      ? `execution ${tracked.arn} is still running`
      : `pending operations: ${open.map((op) => `${op.Type}${op.Name ? ` "${op.Name}"` : ""} (${op.Status})`).join(", ")}`;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private sender(): CallbackSender {
    const client = this.client;
    return {
      async success(callbackId, result) {
        await client.send(new (clientLambda().SendDurableExecutionCallbackSuccessCommand)({ CallbackId: callbackId, Result: Buffer.from(result, "utf8") }));
      },
      async failure(callbackId, error) {
        await client.send(new (clientLambda().SendDurableExecutionCallbackFailureCommand)({ CallbackId: callbackId, Error: error }));
      },
      async heartbeat(callbackId) {
        await client.send(new (clientLambda().SendDurableExecutionCallbackHeartbeatCommand)({ CallbackId: callbackId }));
      },
    };
  }

  protected access(): OperationAccess {
    const sender = this.sender();
    return {
      operations: () => this.current?.operations ?? [],
      onChange: (listener) => {
        this.listeners.add(listener);
        return () => {
          this.listeners.delete(listener);
        };
      },
      executionEnded: () => this.current?.status !== undefined && TERMINAL.has(this.current.status),
      watch: () => undefined, // real time: nothing is skipped, so nothing needs holding back
      sendCallbackSuccess: (callbackId, result) => sender.success(callbackId, result ?? ""),
      sendCallbackFailure: (callbackId, error?: ErrorObject) => sender.failure(callbackId, error ?? {}),
      sendCallbackHeartbeat: (callbackId) => sender.heartbeat(callbackId),
    };
  }
}
