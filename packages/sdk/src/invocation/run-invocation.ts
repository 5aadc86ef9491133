import type { Operation } from "@aws-sdk/client-lambda";
import { CheckpointQueue, fetchAllStatePages, type DurableExecutionClient } from "../checkpoint/index.js";
import { DurableContextImpl, rootSettings } from "../context/context-impl.js";
import type { LambdaContext } from "../context/lambda-context.js";
import { CancelledError, DurableExecutionClientError, errorToErrorObject } from "../errors/index.js";
import { connectLogger } from "../logging/index.js";
import { MetricsRecorder, type InvocationMetrics } from "../observability/index.js";
import { OperationLog } from "../replay/operation-log.js";
import { failedAnswer } from "./answer.js";
import { startDeadline } from "./deadline.js";
import { answerEarlyStop, finishHandler, type HandlerOutcome } from "./finish.js";
import { HandlerResources } from "./handler-resources.js";
import { warnUnawaited } from "./unawaited-warning.js";
import { clockOf, createInvocationServices, sleeperOf } from "./invocation-services.js";
import type { InvocationSetup, InvocationStart } from "./setup.js";
import { findInvalidOperation, parseInvocationEvent, readExecutionInput, type ParsedEvent } from "./parse-event.js";
import { StopSignal, type EarlyStop } from "./stop-signal.js";
import { SuspensionMonitor } from "./suspension-monitor.js";
import { answerForMissingToken } from "./token-missing.js";
import type { DurableExecutionInvocationOutput } from "./types.js";
import { validateInput } from "./validate-input.js";

/**
 * One invocation end to end: validate the event, load the whole state, run the handler against a
 * fresh root context, and answer SUCCEEDED / FAILED / PENDING, or throw for a transient fault.
 */
export async function runInvocation(
  event: unknown,
  lambdaContext: LambdaContext,
  setup: InvocationSetup,
  start: InvocationStart = { coldStart: false, initMs: 0 },
): Promise<DurableExecutionInvocationOutput> {
  const metrics = new MetricsRecorder();
  metrics.initMs = start.initMs;
  const parsed = parseInvocationEvent(event);
  const client = parsed.client ?? setup.transport(lambdaContext);
  const emitMetrics = metricsReceiver(setup, parsed, lambdaContext);
  let operations: Operation[];
  try {
    operations = await loadState(client, parsed, metrics, emitMetrics !== undefined);
  } catch (error) {
    // A deterministic rejection of the state read (a 4xx other than 429) fails every retry alike.
    if (error instanceof DurableExecutionClientError && error.scope === "EXECUTION") {
      return failedAnswer(errorToErrorObject(error, { stackTraces: setup.stackTraces, maxBytes: setup.limits.maxErrorObjectBytes }));
    }
    throw error;
  }
  const broken = findInvalidOperation(operations, parsed.operations?.length ?? 0);
  if (broken) return failedAnswer(errorToErrorObject(broken, { stackTraces: setup.stackTraces, maxBytes: setup.limits.maxErrorObjectBytes }));
  const log = new OperationLog(operations);
  const stop = new StopSignal();
  const queue = new CheckpointQueue({
    client,
    executionArn: parsed.executionArn,
    checkpointToken: parsed.checkpointToken,
    maxBatchBytes: setup.limits.maxCheckpointBatchBytes,
    maxBatchUpdates: setup.limits.maxCheckpointBatchUpdates,
    onStateDelta: (delta) => log.merge(delta),
    onFailure: (error) => stop.stop({ kind: error.scope === "EXECUTION" ? "fail" : "throw", error }),
    onTokenMissing: (acknowledged) => stop.stop(answerForMissingToken(log.values(), acknowledged)),
    measureResponses: emitMetrics !== undefined,
  });
  const resources = new HandlerResources();
  const deadline = startDeadline(lambdaContext.getRemainingTimeInMillis?.bind(lambdaContext), setup.limits.deadlineMarginMs);
  const monitor = new SuspensionMonitor({
    queue,
    onSuspend: () => stop.stop({ kind: "suspend", cause: "idle" }),
    lookup: (id) => log.get(id),
    now: clockOf(client),
    sleepUntil: sleeperOf(client),
    deadline: deadline.watch,
    resources,
    onHeldBack: (kinds, heldMs) =>
      setup.logger.warn(
        `Suspension held back for ${Math.round(heldMs / 1000)} s: the handler still holds its own ${kinds.join(", ")} (a timer, socket or request it started). The invocation suspends once they end, or near the Lambda timeout.`,
      ),
  });
  const plugins = setup.plugins;
  const services = createInvocationServices(
    { executionArn: parsed.executionArn, requestId: lambdaContext.awsRequestId, client, log, queue, monitor, stop, deadline: deadline.watch, metrics, plugins },
    setup,
  );
  const abort = new AbortController();
  connectLogger(setup.logger);
  await plugins?.emitAndWait("onInvocationStart", { executionArn: parsed.executionArn, requestId: lambdaContext.awsRequestId, coldStart: start.coldStart });

  let outcome: InvocationMetrics["outcome"] = "THROWN";
  try {
    let input: unknown;
    try {
      input = readExecutionInput(log.execution);
      if (setup.validate) input = await validateInput(setup.validate, input);
    } catch (error) {
      outcome = "FAILED";
      return failedAnswer(services.encodeError(error));
    }
    const root = new DurableContextImpl(services, {
      lambdaContext,
      signal: abort.signal,
      settings: rootSettings(services, { serdes: setup.serdes, logger: setup.logger, modeAware: setup.modeAwareLogging }),
    });
    metrics.handlerStarted();
    const handlerDone: Promise<HandlerOutcome> = resources
      .track(() =>
        root.runActive(async () => {
          const value = await setup.handler(input, root);
          root.assertEnded();
          return value;
        }),
      )
      .then(
        (value) => ({ kind: "returned", value }),
        (error: unknown) => ({ kind: "threw", error }),
      );
    const first = await Promise.race([handlerDone, stop.promise]);
    if (first.kind === "returned" || first.kind === "threw") warnUnawaited(services.unawaited, setup.logger, client, lambdaContext.awsRequestId);
    const encodeError = services.encodeError;
    const answer =
      first.kind === "returned" || first.kind === "threw"
        ? await finishHandler(first, { queue, stop, log, encodeError, limits: setup.limits })
        : await answerEarlyStop(first as EarlyStop, queue, encodeError);
    outcome = answer.Status as InvocationMetrics["outcome"];
    return answer;
  } finally {
    services.ended = true;
    monitor.close();
    resources.close();
    deadline.stop();
    queue.close();
    abort.abort(new CancelledError("INVOCATION_ENDING"));
    if (emitMetrics || plugins) {
      const figures = metrics.finish({
        executionArn: parsed.executionArn,
        requestId: lambdaContext.awsRequestId,
        coldStart: start.coldStart,
        outcome,
        suspendReason: outcome === "PENDING" ? firstReason(monitor) : undefined,
        checkpoint: { calls: queue.stats.calls, updates: queue.stats.updates, bytesSent: queue.stats.bytesSent, bytesReceived: queue.stats.bytesReceived, retries: 0 },
        checkpointWaitMs: queue.stats.inFlightMs,
      });
      emitMetrics?.(figures);
      await plugins?.emitAndWait("onInvocationEnd", { executionArn: parsed.executionArn, requestId: lambdaContext.awsRequestId, outcome, metrics: figures });
    }
  }
}

/**
 * Where the metrics line goes, or undefined for none. The setup's switch (the config, else the
 * DURABLE_TS_METRICS variable the entry read) wins; by default on, except under a test transport
 * carried on the event (local runners), where per-invocation lines would only be noise.
 */
function metricsReceiver(setup: InvocationSetup, parsed: ParsedEvent, lambdaContext: LambdaContext): ((m: InvocationMetrics) => void) | undefined {
  const enabled = setup.metrics ?? parsed.client === undefined;
  // Under our runtime loop, one line per invocation: the loop's phases plus these figures.
  const sink = lambdaContext.invocationMetrics;
  if (enabled === false) return void sink?.silence();
  if (typeof enabled === "function") return enabled;
  return sink ? (figures) => sink.report(figures) : (figures) => setup.logger.info("invocation.metrics", figures);
}

function firstReason(monitor: SuspensionMonitor): InvocationMetrics["suspendReason"] {
  return monitor.waitingOn.keys().next().value;
}

async function loadState(client: DurableExecutionClient, parsed: ParsedEvent, metrics: MetricsRecorder, measure: boolean): Promise<Operation[]> {
  const startedAt = performance.now();
  const operations = [...(parsed.operations ?? [])];
  metrics.statePages = parsed.operations === undefined ? 0 : 1;
  if (parsed.operations === undefined || parsed.nextMarker) {
    const rest = await fetchAllStatePages(client, parsed.executionArn, parsed.checkpointToken, parsed.nextMarker);
    operations.push(...rest.operations);
    metrics.statePages += rest.pages;
  }
  metrics.loadStateMs = performance.now() - startedAt;
  metrics.loaded = operations.length;
  if (measure) metrics.stateBytes = Buffer.byteLength(JSON.stringify(operations), "utf8");
  return operations;
}
