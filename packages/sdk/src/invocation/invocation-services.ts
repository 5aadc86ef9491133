import type { CheckpointQueue, DurableExecutionClient } from "../checkpoint/index.js";
import { errorFromErrorObject, errorToErrorObject, isDurableError, isTerminalError } from "../errors/index.js";
import type { InvocationServices } from "../operations/host.js";
import { UnawaitedOperations } from "../operations/unawaited.js";
import type { MetricsRecorder, PluginDispatcher } from "../observability/index.js";
import type { OperationLog } from "../replay/operation-log.js";
import type { InvocationSetup } from "./setup.js";
import type { StopSignal } from "./stop-signal.js";
import type { DeadlineWatch } from "./deadline.js";
import type { Sleeper } from "./service-poller.js";
import type { SuspensionMonitor } from "./suspension-monitor.js";

/**
 * A fresh promise that never settles, per call. Never a shared one: every await on a shared
 * promise adds a reaction to it that is never released, so each suspended invocation's
 * contexts would stay reachable for the life of the process.
 */
function never(): Promise<never> {
  return new Promise<never>(() => undefined);
}

/** What one invocation shares with its contexts and operations. */
export interface InvocationParts {
  executionArn: string;
  requestId: string;
  client: DurableExecutionClient;
  log: OperationLog;
  queue: CheckpointQueue;
  monitor: SuspensionMonitor;
  stop: StopSignal;
  deadline?: DeadlineWatch;
  metrics: MetricsRecorder;
  plugins?: PluginDispatcher;
}

export type MutableServices = InvocationServices & { ended: boolean };

/** Builds the services object operations see (host.ts), from the invocation's parts. */
export function createInvocationServices(parts: InvocationParts, setup: InvocationSetup): MutableServices {
  const { stop, queue, client } = parts;
  return {
    executionArn: parts.executionArn,
    requestId: parts.requestId,
    log: parts.log,
    limits: setup.limits,
    enqueue: (update) => queue.enqueue(update),
    post: (update) => queue.post(update),
    activity: parts.monitor,
    unawaited: new UnawaitedOperations(),
    encodeError: (error) => errorToErrorObject(error, { stackTraces: setup.stackTraces, maxBytes: setup.limits.maxErrorObjectBytes }),
    decodeError: (error) => (error ? errorFromErrorObject(error, setup.errorClasses) : new Error("The operation failed without a recorded error")),
    escalate: (error) => {
      if (isTerminalError(error)) stop.stop({ kind: "fail", error: error as Error });
      else if (isRetryableSerdesError(error) || isInvocationLevelClientError(error)) stop.stop({ kind: "throw", error: error as Error });
      else return Promise.reject(error);
      return never();
    },
    now: clockOf(client),
    stepBodyOverride: testSeamOf(client),
    deadline: parts.deadline,
    metrics: parts.metrics,
    plugins: parts.plugins,
    ended: false,
    baseLogger: setup.logger,
    modeAwareLogging: setup.modeAwareLogging,
  };
}

/** A transient service fault met by an operation (e.g. a START acknowledged without its CallbackId). */
function isInvocationLevelClientError(error: unknown): boolean {
  return isDurableError(error, "DURABLE_EXECUTION_CLIENT_ERROR") && (error as { scope?: string }).scope === "INVOCATION";
}

/** A serdes failure marked retryable (e.g. offload storage unavailable): Lambda retries the invocation. */
function isRetryableSerdesError(error: unknown): boolean {
  return isDurableError(error, "SERDES_FAILED") && (error as { retryable?: boolean }).retryable === true;
}

// The seams below are declared on DurableExecutionClient; a client carried on the event is only
// duck-typed (checkpoint, getExecutionState), so each is used only when it is callable.

/** A test transport may carry `stepBodyOverride` (step mocks of a local test runner). */
function testSeamOf(client: DurableExecutionClient): InvocationServices["stepBodyOverride"] {
  return typeof client.stepBodyOverride === "function" ? client.stepBodyOverride.bind(client) : undefined;
}

/** A test transport may offer `sleepUntil` (a virtual clock the runner can skip forward). */
export function sleeperOf(client: DurableExecutionClient): Sleeper | undefined {
  return typeof client.sleepUntil === "function" ? client.sleepUntil.bind(client) : undefined;
}

/** The transport's clock when it has one (a test backend's virtual clock), else the system clock. */
export function clockOf(client: DurableExecutionClient): () => number {
  return typeof client.now === "function" ? client.now.bind(client) : () => Date.now();
}
