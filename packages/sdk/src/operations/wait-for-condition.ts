import type { Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import { isTerminalError, WaitForConditionError } from "../errors/index.js";
import type { WaitStrategy } from "../retry/index.js";
import type { Serdes } from "../serdes/index.js";
import { clampDelaySeconds, durationToSeconds } from "../time/index.js";
import type { ClaimedOperation, OperationScope } from "./host.js";
import { assertPayloadFits, describeOperation, roundTrip, serdesContext } from "./payload.js";
import { deserializeValue } from "../serdes/index.js";
import { markPending, stepContext, type StepContext } from "./step.js";

export interface WaitForConditionConfig<T> {
  /** Decides, after each check, whether to poll again and after how long. */
  waitStrategy: WaitStrategy<T>;
  initialState: T;
  serdes?: Serdes<T>;
}

/** Computes the next state from the current one; runs like a step body (no durable calls inside). */
export type WaitForConditionCheckFunc<T> = (state: T, context: StepContext) => Promise<T>;

type CheckOutcome<T> = { kind: "done"; state: T } | { kind: "again"; state: T };

/**
 * `context.waitForCondition`: a STEP (`WaitForCondition`) that runs `check(state)` until the wait
 * strategy stops; between checks the state is checkpointed as a RETRY payload and the invocation
 * suspends for the strategy's delay. A throwing check, exhausted attempts or a passed
 * `timeoutSeconds` fail it with `WaitForConditionError` (no retry).
 */
export async function runWaitForCondition<T>(
  scope: OperationScope,
  name: string | undefined,
  check: WaitForConditionCheckFunc<T>,
  config: WaitForConditionConfig<T>,
): Promise<T> {
  const operation = scope.claim({ type: "STEP", subType: "WaitForCondition", name });
  const { services } = scope;
  const serdes = (config.serdes ?? scope.serdes) as Serdes<T>;
  const context = serdesContext(services, operation);
  let stored = operation.stored;
  for (;;) {
    if (stored?.Status === "SUCCEEDED") {
      const payload = stored.StepDetails?.Result;
      return services.activity.run(async () => (await deserializeValue(serdes, payload, context)) as T);
    }
    if (stored && stored.Status !== "STARTED" && stored.Status !== "READY" && stored.Status !== "PENDING") {
      throw conditionError(services.decodeError(stored.StepDetails?.Error));
    }
    if (stored?.Status === "PENDING") {
      stored = await services.activity.waitOnService("RETRY", services.log.watch(operation.id, (op) => op.Status !== "PENDING"), operation.id);
      continue;
    }
    const current = stored;
    const outcome = await services.activity.run(() => checkOnce(scope, { ...operation, stored: current }, check, config, serdes));
    if (outcome.kind === "done") return outcome.state;
    stored = await services.activity.waitOnService("RETRY", services.log.watch(operation.id, (op) => op.Status !== "PENDING"), operation.id);
  }
}

async function checkOnce<T>(
  scope: OperationScope,
  operation: ClaimedOperation,
  check: WaitForConditionCheckFunc<T>,
  config: WaitForConditionConfig<T>,
  serdes: Serdes<T>,
): Promise<CheckOutcome<T>> {
  const { services } = scope;
  const stored = operation.stored;
  const context = serdesContext(services, operation);
  const attempt = (stored?.StepDetails?.Attempt ?? 0) + 1;
  const previous = stored?.StepDetails?.Result;
  const state = previous === undefined ? config.initialState : ((await deserializeValue(serdes, previous, context)) as T);
  const update: Omit<OperationUpdate, "Action"> = {
    Id: operation.id, ParentId: operation.parentId, Name: operation.name, Type: "STEP", SubType: "WaitForCondition",
  };
  if (stored?.Status !== "STARTED") scope.enqueue({ ...update, Action: "START" }).catch(() => undefined);

  const fail = (error: unknown): never => {
    const errorObject = services.encodeError(error);
    scope.enqueue({ ...update, Action: "FAIL", Error: errorObject }).catch(() => undefined);
    throw conditionError(services.decodeError(errorObject));
  };
  let next: T;
  try {
    const override = services.stepBodyOverride?.({ name: operation.name, operationId: operation.id, attempt, subType: "WaitForCondition" });
    const body = override ? (context: StepContext) => override(context) as Promise<T> : (context: StepContext) => check(state, context);
    next = await scope.runBody(() => body(stepContext(scope, operation, attempt)));
  } catch (error) {
    if (isTerminalError(error)) throw error;
    return fail(error);
  }
  const { payload, value } = await roundTrip(serdes, next, context);
  assertPayloadFits(payload, services.limits.maxOperationPayloadBytes, describeOperation("waitForCondition", operation));

  let decision: ReturnType<WaitStrategy<T>>;
  try {
    decision = config.waitStrategy(value, attempt);
    // A condition met after the limit still succeeds: the limit only stops further polling.
    if (decision.shouldContinue) assertWithinTimeout(config.waitStrategy as WaitStrategy<unknown>, services.log.get(operation.id), services.now());
  } catch (error) {
    if (isTerminalError(error)) throw error;
    return fail(error);
  }
  if (!decision.shouldContinue) {
    scope.enqueue({ ...update, Action: "SUCCEED", Payload: payload }).catch(() => undefined);
    return { kind: "done", state: value };
  }
  const delay = clampDelaySeconds(durationToSeconds(decision.delay, "waitStrategy delay"));
  await scope.enqueue({ ...update, Action: "RETRY", Payload: payload, StepOptions: { NextAttemptDelaySeconds: delay } });
  markPending(services.log, operation.id);
  return { kind: "again", state: value };
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
