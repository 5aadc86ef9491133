// docs/observability.md: a plugin that times every operation an invocation runs, counts the
// attempts of its steps, and logs one summary line per invocation.
import { setTimeout as sleep } from "node:timers/promises";
import {
  createRetryStrategy,
  durableExecution,
  JitterStrategy,
  type DurableLambdaHandler,
  type DurablePlugin,
  type InvocationMetrics,
  type OperationInfo,
} from "@durable-ts/sdk";

/** One attempt of a step body (or a waitForCallback submitter) in this invocation. */
export interface AttemptTiming {
  /** 1-based attempt number, as the step body sees it. */
  attempt: number;
  outcome: "SUCCEEDED" | "FAILED";
  durationMs: number;
  /** Name of the error the attempt failed with (for example `StepTimeoutError`). */
  error?: string;
}

/** One operation that ran (was not answered from the history) in this invocation. */
export interface OperationTiming {
  operationId: string;
  /** Positional id, such as `2` or `3-1`. */
  position: string;
  name?: string;
  type: string;
  subType?: string;
  /**
   * `OPEN`: no end was reported in this invocation. Either the operation waits on the service (a
   * wait, a retry delay, a callback, an invoke), or it is a kind without an end hook (`now()`,
   * map items, parallel branches, the operations inside `waitForCallback`).
   */
  status: "SUCCEEDED" | "FAILED" | "OPEN";
  /** Start to end; for an OPEN operation, start to the end of the invocation. */
  durationMs: number;
  attempts: AttemptTiming[];
}

/** The line the plugin logs once per invocation. */
export interface InvocationTiming {
  message: "invocation.timing";
  executionArn: string;
  requestId: string;
  coldStart: boolean;
  outcome: InvocationMetrics["outcome"];
  /** Operations answered from the history (their code did not run). */
  replayed: number;
  /** Operations that ran, in start order. */
  operations: OperationTiming[];
  checkpointCalls: number;
  totalMs: number;
}

export interface TimingPluginOptions {
  /** Where the summary goes. Default: one JSON line on stdout. */
  log?: (summary: InvocationTiming) => void;
}

interface Running extends OperationTiming {
  startedAt: number;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * Creates the plugin. It keeps the figures of the invocation in progress, which is enough on Lambda:
 * a container runs one invocation at a time. Do not share one instance between handlers that run
 * concurrently in the same process (in tests, create one per runner).
 */
export function createTimingPlugin(options: TimingPluginOptions = {}): DurablePlugin {
  const log = options.log ?? ((summary: InvocationTiming) => console.log(JSON.stringify(summary)));
  let coldStart = false;
  let replayed = 0;
  let operations = new Map<string, Running>();

  const describe = (info: OperationInfo) => ({
    operationId: info.operationId,
    position: info.position,
    ...(info.name === undefined ? {} : { name: info.name }),
    type: info.type,
    ...(info.subType === undefined ? {} : { subType: info.subType }),
  });

  return {
    name: "timing",
    onInvocationStart(info) {
      coldStart = info.coldStart;
      replayed = 0;
      operations = new Map();
    },
    onOperationReplay() {
      replayed += 1;
    },
    onOperationStart(info) {
      operations.set(info.operationId, { ...describe(info), status: "OPEN", durationMs: 0, attempts: [], startedAt: performance.now() });
    },
    onOperationEnd(info) {
      // Replayed operations end too; only those that ran in this invocation are timed.
      const running = operations.get(info.operationId);
      if (!running || running.status !== "OPEN") return;
      running.status = info.outcome;
      running.durationMs = round(performance.now() - running.startedAt);
    },
    onOperationAttemptEnd(info) {
      operations.get(info.operationId)?.attempts.push({
        attempt: info.attempt,
        outcome: info.outcome,
        durationMs: round(info.durationMs),
        ...(info.error ? { error: info.error.name } : {}),
      });
    },
    onInvocationEnd(info) {
      const endedAt = performance.now();
      const timed = [...operations.values()].map(({ startedAt, ...operation }) =>
        operation.status === "OPEN" ? { ...operation, durationMs: round(endedAt - startedAt) } : operation,
      );
      log({
        message: "invocation.timing",
        executionArn: info.executionArn,
        requestId: info.requestId,
        coldStart,
        outcome: info.outcome,
        replayed,
        operations: timed,
        checkpointCalls: info.metrics.checkpoint.calls,
        totalMs: info.metrics.ms.total,
      });
    },
  };
}

export interface Order {
  orderId: string;
  /** For the demo: the payment gateway hangs on this many attempts before answering. */
  hangingChargeAttempts?: number;
}

/** An order workflow instrumented with `plugin`. */
export function createHandler(plugin: DurablePlugin): DurableLambdaHandler {
  return durableExecution(
    async (event: Order, context) => {
      const reservation = await context.step("reserve-stock", async () => {
        await sleep(20); // stands in for a database write
        return `reservation-${event.orderId}`;
      });
      const receipt = await context.step(
        "charge-card",
        async ({ attempt, signal }) => {
          // A hanging gateway call: the per-attempt timeout aborts `signal`, which cancels the sleep.
          if (attempt <= (event.hangingChargeAttempts ?? 0)) await sleep(10_000, undefined, { signal });
          return `receipt-${event.orderId}`;
        },
        {
          timeout: { milliseconds: 50 },
          retryStrategy: createRetryStrategy({ maxAttempts: 3, initialDelay: { seconds: 5 }, jitter: JitterStrategy.NONE }),
        },
      );
      await context.wait("cool-off", { minutes: 1 });
      const label = await context.step("print-label", async () => `label-${event.orderId}`);
      return { reservation, receipt, label };
    },
    { plugins: [plugin] },
  );
}

/** The deployed handler: summaries go to stdout, next to the SDK's own log lines. */
export const handler = createHandler(createTimingPlugin());
