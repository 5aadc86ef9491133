import { createHash } from "node:crypto";
import type { Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import { ConfigError, StepError, StepInterruptedError, isTerminalError } from "../errors/index.js";
import type { DurableContextLogger } from "../logging/index.js";
import { retryPresets, type RetryDecision, type RetryStrategy } from "../retry/index.js";
import type { Serdes } from "../serdes/index.js";
import { clampDelaySeconds, durationToSeconds } from "../time/index.js";
import type { OperationLog } from "../replay/operation-log.js";
import type { ClaimedOperation, OperationScope } from "./host.js";
import { attemptTimeoutMs, runWithLimits, type AttemptTimeout } from "./attempt-timer.js";
import { assertPayloadFits, describeOperation, roundTrip, serdesContext } from "./payload.js";
import { deserializeValue } from "../serdes/index.js";

/** When a step's body may run again. */
export enum StepSemantics {
  /** The START is acknowledged before the body runs; an interrupted attempt is never re-run, it goes to the retry strategy. +1 round trip per attempt. */
  AtMostOncePerRetry = "AT_MOST_ONCE_PER_RETRY",
  /** Default. The body may run again if the invocation dies before its result is checkpointed. */
  AtLeastOncePerRetry = "AT_LEAST_ONCE_PER_RETRY",
}

/** What a step body receives. */
export interface StepContext<L = DurableContextLogger> {
  logger: L;
  /** 1-based attempt number. */
  attempt: number;
  /** Aborted when the invocation ends while the body still runs. */
  signal: AbortSignal;
  /** The step's wire Id. */
  operationId: string;
  /** Stable across attempts and replays (≤ 64 chars): pass it to downstream APIs that de-duplicate. */
  idempotencyKey: string;
}

export type StepFunc<T, L = DurableContextLogger> = (context: StepContext<L>) => Promise<T>;

export interface StepConfig<T> {
  /** Decides retries of a failed attempt. Default `retryPresets.default`. */
  retryStrategy?: RetryStrategy;
  /** Default `AtLeastOncePerRetry`. */
  semantics?: StepSemantics;
  serdes?: Serdes<T>;
  /**
   * Per-attempt limit. The attempt's `signal` aborts with `StepTimeoutError` and the attempt fails
   * at once (a late result is ignored); the retry strategy decides what follows. Default: none.
   */
  timeout?: AttemptTimeout;
}

type AttemptOutcome<T> = { kind: "value"; value: T } | { kind: "retrying" };

/**
 * `context.step`: runs `fn` once and checkpoints its result; on replay returns the recorded result
 * (or rethrows the recorded failure) without running `fn` again. A retried step waits for its
 * delay on the service: the invocation suspends, unless a checkpoint response shows the retry due
 * while other work keeps this invocation running, in which case the next attempt runs here.
 */
export async function runStep<T>(scope: OperationScope, name: string | undefined, fn: StepFunc<T>, config: StepConfig<T> = {}): Promise<T> {
  const operation = scope.claim({ type: "STEP", subType: "Step", name });
  const { services } = scope;
  const serdes = (config.serdes ?? scope.serdes) as Serdes<T>;
  let stored = operation.stored;
  for (;;) {
    switch (stored?.Status) {
      case "SUCCEEDED":
        return services.activity.run(
          async () => (await deserializeValue(serdes, stored?.StepDetails?.Result, serdesContext(services, operation))) as T,
        );
      case "FAILED":
      case "CANCELLED":
      case "TIMED_OUT":
      case "STOPPED":
        throw toStepError(services.decodeError(stored.StepDetails?.Error));
      case "PENDING":
        stored = await services.activity.waitOnService("RETRY", services.log.watch(operation.id, isPastRetryDelay), operation.id);
        continue;
      default:
        break;
    }
    const outcome = await services.activity.run(() => runAttempt(scope, { ...operation, stored }, fn, config, serdes));
    if (outcome.kind === "value") return outcome.value;
    stored = await services.activity.waitOnService("RETRY", services.log.watch(operation.id, isPastRetryDelay), operation.id);
  }
}

/** A retried step is due again (READY) or was finished by someone else. */
function isPastRetryDelay(operation: Operation): boolean {
  return operation.Status !== "PENDING" && operation.Status !== "STARTED";
}

async function runAttempt<T>(
  scope: OperationScope,
  operation: ClaimedOperation,
  fn: StepFunc<T>,
  config: StepConfig<T>,
  serdes: Serdes<T>,
): Promise<AttemptOutcome<T>> {
  const { services } = scope;
  const stored = operation.stored;
  const attempt = (stored?.StepDetails?.Attempt ?? 0) + 1;
  const atMostOnce = config.semantics === StepSemantics.AtMostOncePerRetry;

  if (stored?.Status === "STARTED" && atMostOnce) {
    // The previous attempt may have had effects: never run it again, let the strategy decide.
    return failAttempt(scope, operation, config, new StepInterruptedError({ operationId: operation.id, attempt }), attempt);
  }
  if (stored?.Status !== "STARTED") {
    const started = scope.enqueue(stepUpdate(operation, "START"));
    if (atMostOnce) await started;
    else started.catch(() => undefined); // failures end the invocation through the queue
  }

  let result: T;
  try {
    const override = services.stepBodyOverride?.({ name: operation.name, operationId: operation.id, attempt, subType: "Step" });
    const body = (override as StepFunc<T> | undefined) ?? fn;
    const attemptInfo = services.plugins && { operationId: operation.id, position: operation.rawId, parentId: operation.parentId, name: operation.name, type: "STEP", subType: "Step", attempt };
    const attemptStart = performance.now();
    if (attemptInfo) services.plugins?.emit("onOperationAttemptStart", attemptInfo);
    result = await runWithLimits(
      (signal) => scope.runBody(() => body(stepContext(scope, operation, attempt, signal))),
      {
        parentSignal: () => scope.signal,
        deadline: services.deadline,
        timeoutMs: config.timeout === undefined ? undefined : attemptTimeoutMs(config.timeout),
        deadlineMarginMs: services.limits.deadlineMarginMs,
      },
    ).then(
      (value) => {
        if (attemptInfo) services.plugins?.emit("onOperationAttemptEnd", { ...attemptInfo, outcome: "SUCCEEDED", durationMs: performance.now() - attemptStart });
        return value;
      },
      (error: Error) => {
        if (attemptInfo) services.plugins?.emit("onOperationAttemptEnd", { ...attemptInfo, outcome: "FAILED", error, durationMs: performance.now() - attemptStart });
        throw error;
      },
    );
  } catch (error) {
    if (isTerminalError(error)) throw error;
    return failAttempt(scope, operation, config, error, attempt);
  }
  const { payload, value } = await roundTrip(serdes, result, serdesContext(services, operation));
  assertPayloadFits(payload, services.limits.maxOperationPayloadBytes, describeOperation("step", operation));
  scope.enqueue(stepUpdate(operation, "SUCCEED", { Payload: payload })).catch(() => undefined);
  return { kind: "value", value };
}

/** Asks the retry strategy; checkpoints RETRY (and suspends) or FAIL (and throws the StepError). */
async function failAttempt<T>(
  scope: OperationScope,
  operation: ClaimedOperation,
  config: StepConfig<T>,
  error: unknown,
  attempt: number,
): Promise<AttemptOutcome<T>> {
  const { services } = scope;
  const errorObject = services.encodeError(error);
  const cause = error instanceof Error ? error : new Error(String(error));
  const decision = decideRetry(config.retryStrategy ?? retryPresets.default, cause, attempt, describeOperation("step", operation));
  if (typeof decision === "number") {
    await scope.enqueue(stepUpdate(operation, "RETRY", { Error: errorObject, StepOptions: { NextAttemptDelaySeconds: decision } }));
    markPending(services.log, operation.id);
    return { kind: "retrying" };
  }
  // A strategy at fault fails the step with that fault recorded, not the attempt's error taken as "no retry".
  const failure = decision === undefined ? errorObject : services.encodeError(decision);
  scope.enqueue(stepUpdate(operation, "FAIL", { Error: failure })).catch(() => undefined);
  throw toStepError(services.decodeError(failure));
}

/**
 * After an acknowledged RETRY the step is PENDING on the service. If the response delta did not
 * carry the operation, record that locally so the wait for READY does not see a stale status.
 */
export function markPending(log: OperationLog, id: string): void {
  const current = log.get(id);
  if (current && current.Status !== "PENDING") log.merge([{ ...current, Status: "PENDING" }]);
}

/**
 * Delay in whole seconds when the strategy retries, undefined when it does not. A strategy that
 * throws, or returns anything but `{ shouldRetry: boolean, delay? }`, is at fault: a `ConfigError`
 * naming the fault comes back (the strategy's exception as `cause`), and the step fails with it. A
 * delay that is not a valid Duration is a terminal `ConfigError`.
 */
function decideRetry(strategy: RetryStrategy, error: Error, attempt: number, label: string): number | undefined | ConfigError {
  const context = `on attempt ${attempt} of ${label}, which failed with ${error.name}: ${error.message}`;
  let decision: unknown;
  try {
    decision = strategy(error, attempt);
  } catch (thrown) {
    const what = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    const fault = new ConfigError("INVALID_CONFIG", `The retryStrategy threw ${what} ${context}; a retry strategy must return { shouldRetry: boolean, delay?: Duration }`, "retryStrategy");
    fault.cause = thrown;
    return fault;
  }
  if (typeof decision !== "object" || decision === null || typeof (decision as { shouldRetry?: unknown }).shouldRetry !== "boolean") {
    return new ConfigError(
      "INVALID_CONFIG",
      `The retryStrategy returned ${describeValue(decision)} ${context}; expected { shouldRetry: boolean, delay?: Duration }`,
      "retryStrategy",
    );
  }
  const { shouldRetry, delay } = decision as RetryDecision;
  if (!shouldRetry) return undefined;
  return clampDelaySeconds(delay ? durationToSeconds(delay, "retryStrategy delay") : 1);
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null || typeof value === "function") return value === null ? "null" : typeof value;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/** A STEP update as a plain literal (no object spread: this runs for every step). */
function stepUpdate(operation: ClaimedOperation, action: OperationUpdate["Action"], extra?: Partial<OperationUpdate>): OperationUpdate {
  const update: OperationUpdate = { Id: operation.id, ParentId: operation.parentId, Name: operation.name, Type: "STEP", SubType: "Step", Action: action };
  if (extra) Object.assign(update, extra);
  return update;
}

/** What a step-like body (step, condition check, submitter) receives for one attempt. */
export function stepContext(scope: OperationScope, operation: ClaimedOperation, attempt: number, signal: () => AbortSignal = () => scope.signal): StepContext {
  let key: string | undefined;
  let logger: DurableContextLogger | undefined;
  // Logger, signal and key are built on first read: most bodies use none of them.
  return {
    get logger() {
      return (logger ??= scope.bodyLogger(operation, attempt));
    },
    attempt,
    get signal() {
      return signal();
    },
    operationId: operation.id,
    get idempotencyKey() {
      return (key ??= idempotencyKey(scope.services.executionArn, operation.id));
    },
  };
}

/** sha256(arn, op id), 40 hex chars: unique per execution and position, fits every 64-char key field. */
function idempotencyKey(executionArn: string, operationId: string): string {
  return createHash("sha256").update(`${executionArn}\n${operationId}`).digest("hex").slice(0, 40);
}

/** A step's failure as user code sees it, live and on replay: a StepError whose cause is the restored original. */
export function toStepError(restored: Error): StepError {
  if (restored instanceof StepError) return restored;
  return new StepError(restored.message, restored);
}

