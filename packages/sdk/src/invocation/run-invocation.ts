import type { Operation } from "@aws-sdk/client-lambda";
import { CheckpointQueue, fetchAllStatePages, type DurableExecutionClient } from "../checkpoint/index.js";
import type { DurableLimits } from "../config/limits.js";
import { DurableContextImpl, rootSettings } from "../context/context-impl.js";
import type { DurableContext } from "../context/durable-context.js";
import type { LambdaContext } from "../context/lambda-context.js";
import {
  CancelledError,
  DurableExecutionClientError,
  errorFromErrorObject,
  errorToErrorObject,
  isDurableError,
  isTerminalError,
  type ErrorClass,
} from "../errors/index.js";
import { connectLogger, type DurableLogger } from "../logging/index.js";
import type { InvocationServices } from "../operations/host.js";
import { OperationLog } from "../replay/operation-log.js";
import type { Serdes } from "../serdes/index.js";
import { failedAnswer, PENDING_ANSWER, serializeHandlerResult } from "./answer.js";
import { parseInvocationEvent, readExecutionInput } from "./parse-event.js";
import { StopSignal, type EarlyStop } from "./stop-signal.js";
import { SuspensionMonitor } from "./suspension-monitor.js";
import { InvocationStatus, type DurableExecutionInvocationOutput } from "./types.js";

/** Everything an invocation needs that does not come from the event: resolved once per handler. */
export interface InvocationSetup {
  handler: (event: any, context: DurableContext) => Promise<unknown>;
  transport(): DurableExecutionClient;
  serdes: Serdes<unknown>;
  logger: DurableLogger;
  modeAwareLogging: boolean;
  limits: DurableLimits;
  errorClasses: ErrorClass[];
  stackTraces: boolean;
}

type HandlerOutcome = { kind: "returned"; value: unknown } | { kind: "threw"; error: unknown };
const NEVER = new Promise<never>(() => undefined);

/**
 * One invocation end to end: validate the event, load the whole state, run the handler against a
 * fresh root context, and answer SUCCEEDED / FAILED / PENDING, or throw for a transient fault.
 */
export async function runInvocation(
  event: unknown,
  lambdaContext: LambdaContext,
  setup: InvocationSetup,
): Promise<DurableExecutionInvocationOutput> {
  const parsed = parseInvocationEvent(event);
  const client = parsed.client ?? setup.transport();
  let operations: Operation[];
  try {
    operations = await loadState(client, parsed);
  } catch (error) {
    // A deterministic rejection of the state read (a 4xx other than 429) fails every retry alike.
    if (error instanceof DurableExecutionClientError && error.scope === "EXECUTION") {
      return failedAnswer(errorToErrorObject(error, { stackTraces: setup.stackTraces, maxBytes: setup.limits.maxErrorObjectBytes }));
    }
    throw error;
  }
  const log = new OperationLog(operations);
  const stop = new StopSignal();
  const queue = new CheckpointQueue({
    client,
    executionArn: parsed.executionArn,
    checkpointToken: parsed.checkpointToken,
    maxBatchBytes: setup.limits.maxCheckpointBatchBytes,
    maxBatchUpdates: setup.limits.maxCheckpointBatchUpdates,
    onStateDelta: (operations) => log.merge(operations),
    onFailure: (error) => stop.stop({ kind: error.scope === "EXECUTION" ? "fail" : "throw", error }),
    onTokenMissing: () => stop.stop({ kind: "suspend", cause: "token-missing" }),
  });
  const monitor = new SuspensionMonitor(queue, () => stop.stop({ kind: "suspend", cause: "idle" }));
  const abort = new AbortController();
  const encodeError = (error: unknown) =>
    errorToErrorObject(error, { stackTraces: setup.stackTraces, maxBytes: setup.limits.maxErrorObjectBytes });

  const services: InvocationServices & { ended: boolean } = {
    executionArn: parsed.executionArn,
    requestId: lambdaContext.awsRequestId,
    log,
    limits: setup.limits,
    enqueue: (update) => queue.enqueue(update),
    activity: monitor,
    encodeError,
    decodeError: (error) =>
      error ? errorFromErrorObject(error, setup.errorClasses) : new Error("The operation failed without a recorded error"),
    escalate: (error) => {
      if (isTerminalError(error)) stop.stop({ kind: "fail", error: error as Error });
      else if (isRetryableSerdesError(error)) stop.stop({ kind: "throw", error: error as Error });
      else return Promise.reject(error);
      return NEVER;
    },
    now: clockOf(client),
    stepBodyOverride: testSeamOf(client),
    ended: false,
    baseLogger: setup.logger,
    modeAwareLogging: setup.modeAwareLogging,
  };

  connectLogger(setup.logger);
  try {
    let input: unknown;
    try {
      input = readExecutionInput(log.execution);
    } catch (error) {
      return failedAnswer(encodeError(error));
    }
    const root = new DurableContextImpl(services, {
      lambdaContext,
      signal: abort.signal,
      settings: rootSettings(services, { serdes: setup.serdes, logger: setup.logger, modeAware: setup.modeAwareLogging }),
    });
    const handlerDone: Promise<HandlerOutcome> = root
      .runActive(async () => {
        const value = await setup.handler(input, root);
        root.assertEnded();
        return value;
      })
      .then(
        (value) => ({ kind: "returned", value }),
        (error: unknown) => ({ kind: "threw", error }),
      );
    const first = await Promise.race([handlerDone, stop.promise]);
    if ("kind" in first && (first.kind === "returned" || first.kind === "threw")) {
      return await finishHandler(first, { queue, stop, log, encodeError, limits: setup.limits });
    }
    return await answerEarlyStop(first as EarlyStop, queue, encodeError);
  } finally {
    services.ended = true;
    queue.close();
    abort.abort(new CancelledError("INVOCATION_ENDING"));
  }
}

/** A serdes failure marked retryable (e.g. offload storage unavailable): Lambda retries the invocation. */
function isRetryableSerdesError(error: unknown): boolean {
  return isDurableError(error, "SERDES_FAILED") && (error as { retryable?: boolean }).retryable === true;
}

/** A test transport may carry `stepBodyOverride` (step mocks of a local test runner). */
function testSeamOf(client: DurableExecutionClient): InvocationServices["stepBodyOverride"] {
  const seam = (client as { stepBodyOverride?: InvocationServices["stepBodyOverride"] }).stepBodyOverride;
  return typeof seam === "function" ? (info) => seam.call(client, info) : undefined;
}

/** The transport's clock when it has one (a test backend's virtual clock), else the system clock. */
function clockOf(client: DurableExecutionClient): () => number {
  const withClock = client as DurableExecutionClient & { now?: () => number };
  return typeof withClock.now === "function" ? () => withClock.now!() : () => Date.now();
}

async function loadState(client: DurableExecutionClient, parsed: ReturnType<typeof parseInvocationEvent>): Promise<Operation[]> {
  const operations = [...(parsed.operations ?? [])];
  if (parsed.operations === undefined || parsed.nextMarker) {
    const rest = await fetchAllStatePages(client, parsed.executionArn, parsed.checkpointToken, parsed.nextMarker);
    operations.push(...rest.operations);
  }
  return operations;
}

interface FinishDeps {
  queue: CheckpointQueue;
  stop: StopSignal;
  log: OperationLog;
  encodeError(error: unknown): ReturnType<typeof errorToErrorObject>;
  limits: DurableLimits;
}

/** The handler settled: drain the queue, then answer its outcome (or the failure the drain hit). */
async function finishHandler(outcome: HandlerOutcome, deps: FinishDeps): Promise<DurableExecutionInvocationOutput> {
  const { queue, stop, encodeError } = deps;
  await queue.whenIdle();
  // An idle-suspension decided in the same turn the handler settled is moot: the handler's answer wins.
  const stopped = stop.stopped;
  if (stopped && !(stopped.kind === "suspend" && stopped.cause === "idle")) return answerEarlyStop(stopped, queue, encodeError);
  if (outcome.kind === "threw") return failedAnswer(encodeError(outcome.error));

  let result: string | undefined;
  try {
    result = serializeHandlerResult(outcome.value);
  } catch (error) {
    return failedAnswer(encodeError(error));
  }
  if (result === undefined || Buffer.byteLength(result, "utf8") <= deps.limits.maxResponseBytes) {
    return result === undefined ? { Status: InvocationStatus.SUCCEEDED } : { Status: InvocationStatus.SUCCEEDED, Result: result };
  }
  // Too large for the Lambda response: store it on the EXECUTION operation itself (its real Id).
  const executionId = deps.log.execution?.Id;
  if (executionId === undefined) return failedAnswer(encodeError(new Error("No EXECUTION operation to store the result on")));
  queue.enqueue({ Id: executionId, Type: "EXECUTION", Action: "SUCCEED", Payload: result }).catch(() => undefined);
  await queue.whenIdle();
  const late = stop.stopped;
  if (late && late.kind !== "suspend") return answerEarlyStop(late, queue, encodeError);
  return { Status: InvocationStatus.SUCCEEDED, Result: "" };
}

/** Suspension, a terminal failure, or a transient fault decided before the handler settled. */
async function answerEarlyStop(
  stop: EarlyStop,
  queue: CheckpointQueue,
  encodeError: FinishDeps["encodeError"],
): Promise<DurableExecutionInvocationOutput> {
  if (stop.kind === "throw") throw stop.error;
  // Persist what completed before the stop; a failure while draining takes precedence only if transient.
  await queue.whenIdle();
  if (stop.kind === "fail") return failedAnswer(encodeError(stop.error));
  return PENDING_ANSWER;
}
