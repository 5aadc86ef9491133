import type { Operation } from "@aws-sdk/client-lambda";
import { isTerminalError, WaitForConditionError } from "../errors/index.js";
import type { WaitStrategy } from "../retry/index.js";
import type { Serdes } from "../serdes/index.js";
import { clampDelaySeconds, durationToSeconds } from "../time/index.js";
import { assertPayloadFits } from "../replay/codec.js";
import { runOperation, type LiveRun, type OperationKind, type Outcome } from "../replay/engine.js";
import type { OperationScope } from "../replay/host.js";
import { RETRY_WAIT, stepContext, type StepContext } from "./step.js";

export interface WaitForConditionConfig<T> {
  /** Decides, after each check, whether to poll again and after how long. */
  waitStrategy: WaitStrategy<T>;
  initialState: T;
  serdes?: Serdes<T>;
}

/** Computes the next state from the current one; runs like a step body (no durable calls inside). */
export type WaitForConditionCheckFunc<T> = (state: T, context: StepContext) => Promise<T>;

/**
 * `context.waitForCondition`: a STEP (`WaitForCondition`) that runs `check(state)` until the wait
 * strategy stops; between checks the state is checkpointed as a RETRY payload and the invocation
 * suspends for the strategy's delay. A throwing check, exhausted attempts or a passed
 * `timeoutSeconds` fail it with `WaitForConditionError` (no retry).
 */
export function runWaitForCondition<T>(
  scope: OperationScope,
  name: string | undefined,
  check: WaitForConditionCheckFunc<T>,
  config: WaitForConditionConfig<T>,
): Promise<T> {
  const serdes = (config.serdes ?? scope.serdes) as Serdes<T>;
  const kind: OperationKind<T> = {
    type: "STEP",
    subType: "WaitForCondition",
    label: "waitForCondition",
    serdes,
    details: (stored) => stored.StepDetails,
    read: (payload, position) => position.decode(serdes, payload),
    failure: conditionError,
    waitsOn: RETRY_WAIT,
    start: { when: "unless-started", ack: false },
    execute: (run) => checkOnce(run, check, config, serdes),
  };
  return runOperation(scope, kind, name);
}

/** One check: the state recorded by the previous one (or the initial state) in, the strategy's decision out. */
async function checkOnce<T>(run: LiveRun, check: WaitForConditionCheckFunc<T>, config: WaitForConditionConfig<T>, serdes: Serdes<T>): Promise<Outcome<T>> {
  const { position, stored, attempt } = run;
  const { scope, services } = position;
  const previous = stored?.StepDetails?.Result;
  const state = previous === undefined ? config.initialState : await position.decode(serdes, previous);
  let next: T;
  try {
    const override = services.stepBodyOverride?.({ name: position.name, operationId: position.id, attempt, subType: "WaitForCondition" });
    const body = override ? (context: StepContext) => override(context) as Promise<T> : (context: StepContext) => check(state, context);
    services.activity.enterBody();
    try {
      next = await scope.runBody(() => body(stepContext(scope, position, attempt)));
    } finally {
      services.activity.leaveBody();
    }
  } catch (error) {
    if (isTerminalError(error)) throw error;
    return { action: "FAIL", error };
  }
  const encoded = await position.encode(serdes, next);
  assertPayloadFits(encoded.payload, services.limits.maxOperationPayloadBytes, () => position.describe("waitForCondition"));

  let decision: ReturnType<WaitStrategy<T>>;
  try {
    decision = config.waitStrategy(encoded.value, attempt);
    // A condition met after the limit still succeeds: the limit only stops further polling.
    if (decision.shouldContinue) assertWithinTimeout(config.waitStrategy as WaitStrategy<unknown>, services.log.get(position.id), services.now());
  } catch (error) {
    if (isTerminalError(error)) throw error;
    return { action: "FAIL", error };
  }
  if (!decision.shouldContinue) return { action: "SUCCEED", result: encoded.value, encoded };
  const delay = clampDelaySeconds(durationToSeconds(decision.delay, "waitStrategy delay"));
  return { action: "RETRY", fields: { Payload: encoded.payload, StepOptions: { NextAttemptDelaySeconds: delay } } };
}

/** `createWaitStrategy({ timeoutSeconds })`: measured from the operation's start on the service clock. */
function assertWithinTimeout(strategy: WaitStrategy<unknown>, stored: Operation | undefined, nowMs: number): void {
  const timeoutSeconds = (strategy as { timeoutSeconds?: number }).timeoutSeconds;
  const started = stored?.StartTimestamp;
  if (timeoutSeconds === undefined || started === undefined) return;
  const elapsedSeconds = (nowMs - new Date(started).getTime()) / 1000;
  if (elapsedSeconds > timeoutSeconds) {
    throw new WaitForConditionError(`Condition not met within ${timeoutSeconds} s (${Math.floor(elapsedSeconds)} s elapsed)`);
  }
}

function conditionError(restored: Error): WaitForConditionError {
  if (restored instanceof WaitForConditionError) return restored;
  return new WaitForConditionError(restored.message, restored);
}
