import { createHash } from "node:crypto";
import type { Operation } from "@aws-sdk/client-lambda";
import { ConfigError, StepError, StepInterruptedError, isTerminalError } from "../errors/index.js";
import type { DurableContextLogger } from "../logging/index.js";
import { retryPresets, type RetryDecision, type RetryStrategy } from "../retry/index.js";
import type { Serdes } from "../serdes/index.js";
import { clampDelaySeconds, durationToSeconds } from "../time/index.js";
import { runOperation, type LiveRun, type OperationKind, type Outcome, type Position } from "../replay/engine.js";
import type { ClaimedOperation, OperationScope } from "../replay/host.js";
import { attemptTimeoutMs, runWithLimits, type AttemptTimeout } from "./attempt-timer.js";

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

/**
 * `context.step`: runs `fn` once and checkpoints its result; on replay returns the recorded result
 * (or rethrows the recorded failure) without running `fn` again. A retried step waits for its
 * delay on the service: the invocation suspends, unless a checkpoint response shows the retry due
 * while other work keeps this invocation running, in which case the next attempt runs here.
 */
export function runStep<T>(scope: OperationScope, name: string | undefined, fn: StepFunc<T>, config: StepConfig<T> = {}): Promise<T> {
  return runOperation(scope, stepKind(scope, fn, config), name);
}

/** The STEP `Step` kind: START (acknowledged when at-most-once), attempt, SUCCEED / RETRY / FAIL. */
function stepKind<T>(scope: OperationScope, fn: StepFunc<T>, config: StepConfig<T>): OperationKind<T> {
  const serdes = (config.serdes ?? scope.serdes) as Serdes<T>;
  const atMostOnce = config.semantics === StepSemantics.AtMostOncePerRetry;
  return {
    type: "STEP",
    subType: "Step",
    label: "step",
    serdes,
    details: stepDetails,
    read: (payload, position) => position.decode(serdes, payload),
    failure: toStepError,
    waitsOn: RETRY_WAIT,
    start: atMostOnce ? ACKED_START : QUEUED_START,
    execute: (run) => runAttempt(run, fn, config, atMostOnce),
  };
}

const stepDetails = (stored: Operation) => stored.StepDetails;
/** A retried step-like operation waits on the service while PENDING; READY (or finished) ends the wait. */
export const RETRY_WAIT = { reason: "RETRY", while: (status: string | undefined) => status === "PENDING", timer: true } as const;
const ACKED_START = { when: "unless-started", ack: true } as const;
const QUEUED_START = { when: "unless-started", ack: false } as const;

/** One attempt: START handled by the engine; here the body runs under its limits and its end becomes an outcome. */
function runAttempt<T>(run: LiveRun, fn: StepFunc<T>, config: StepConfig<T>, atMostOnce: boolean): Outcome<T> | Promise<Outcome<T>> {
  const { position, stored, attempt } = run;
  const { scope, services } = position;
  if (stored?.Status === "STARTED" && atMostOnce) {
    // The previous attempt may have had effects: never run it again, let the strategy decide.
    return failAttempt(position, config, new StepInterruptedError({ operationId: position.id, attempt }), attempt);
  }
  const failed = (error: unknown): Outcome<T> => {
    if (isTerminalError(error)) throw error;
    return failAttempt(position, config, error, attempt);
  };
  let body: StepFunc<T>;
  let limits: Parameters<typeof runWithLimits>[1];
  try {
    const override = services.stepBodyOverride?.({ name: position.name, operationId: position.id, attempt, subType: "Step" });
    body = (override as StepFunc<T> | undefined) ?? fn;
    limits = {
      parentSignal: () => scope.signal,
      deadline: services.deadline,
      timeoutMs: config.timeout === undefined ? undefined : attemptTimeoutMs(config.timeout),
      deadlineMarginMs: services.limits.deadlineMarginMs,
    };
  } catch (error) {
    return failed(error);
  }
  const hooks = services.plugins ? attemptHooks(position, attempt) : undefined;
  services.activity.enterBody();
  return runWithLimits((signal) => scope.runBody(() => body(stepContext(scope, position, attempt, signal))), limits, {
    value: (result): Outcome<T> => {
      services.activity.leaveBody();
      hooks?.succeeded();
      return { action: "SUCCEED", result };
    },
    error: (error): Outcome<T> => {
      services.activity.leaveBody();
      hooks?.failed(error);
      return failed(error);
    },
  });
}

/** Reports the attempt to plugins (only when one is registered): its start now, its end when told. */
function attemptHooks(position: Position, attempt: number): { succeeded(): void; failed(error: unknown): void } {
  const plugins = position.services.plugins;
  const attemptInfo = { operationId: position.id, position: position.rawId, parentId: position.parentId, name: position.name, type: "STEP", subType: "Step", attempt };
  const attemptStart = performance.now();
  plugins?.emit("onOperationAttemptStart", attemptInfo);
  return {
    succeeded: () => plugins?.emit("onOperationAttemptEnd", { ...attemptInfo, outcome: "SUCCEEDED", durationMs: performance.now() - attemptStart }),
    failed: (error) => plugins?.emit("onOperationAttemptEnd", { ...attemptInfo, outcome: "FAILED", error: error as Error, durationMs: performance.now() - attemptStart }),
  };
}

/** Asks the retry strategy: RETRY (and wait for the delay) or FAIL (the StepError). */
function failAttempt<T>(position: Position, config: StepConfig<T>, error: unknown, attempt: number): Outcome<T> {
  const cause = error instanceof Error ? error : new Error(String(error));
  const decision = decideRetry(config.retryStrategy ?? retryPresets.default, cause, attempt, position.describe("step"));
  if (typeof decision === "number") {
    return { action: "RETRY", fields: { Error: position.services.encodeError(error), StepOptions: { NextAttemptDelaySeconds: decision } } };
  }
  // A strategy at fault fails the step with that fault recorded, not the attempt's error taken as "no retry".
  return { action: "FAIL", error: decision ?? error };
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
    const fault = new ConfigError(
      "INVALID_CONFIG",
      `The retryStrategy threw ${what} ${context}; a retry strategy must return { shouldRetry: boolean, delay?: Duration }`,
      "retryStrategy",
    );
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

/** What a step-like body (step, condition check, submitter) receives for one attempt. */
export function stepContext(scope: OperationScope, operation: ClaimedOperation, attempt: number, signal: () => AbortSignal = () => scope.signal): StepContext {
  return new AttemptContext(scope, operation, attempt, signal);
}

/**
 * A step context whose logger, signal and key are built on first read (most bodies use none of
 * them), as getters on the prototype: an object literal with getters would cost three closures
 * and a slow-shaped object per attempt.
 */
class AttemptContext implements StepContext {
  readonly attempt: number;
  readonly operationId: string;
  // True private fields: a body that logs its context sees attempt and operationId, not the SDK's internals.
  readonly #scope: OperationScope;
  readonly #operation: ClaimedOperation;
  readonly #signal: () => AbortSignal;
  #key: string | undefined;
  #logger: DurableContextLogger | undefined;

  constructor(scope: OperationScope, operation: ClaimedOperation, attempt: number, signal: () => AbortSignal) {
    this.attempt = attempt;
    this.operationId = operation.id;
    this.#scope = scope;
    this.#operation = operation;
    this.#signal = signal;
  }

  get logger(): DurableContextLogger {
    return (this.#logger ??= this.#scope.bodyLogger(this.#operation, this.attempt));
  }

  get signal(): AbortSignal {
    return this.#signal();
  }

  get idempotencyKey(): string {
    return (this.#key ??= idempotencyKey(this.#scope.services.executionArn, this.#operation.id));
  }
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
