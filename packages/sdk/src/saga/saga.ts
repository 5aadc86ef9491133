import {
  isDurableError,
  isTerminalError,
  ErrorCode,
  type DurableContext,
  type DurablePromise,
  type RetryStrategy,
  type StepConfig,
  type StepContext,
} from "@durable-ts/sdk";
import { SagaError, SagaErrorCode, toSagaError, type FailedCompensation } from "./saga-error.js";

/** Undoes what a saga step did; receives that step's (replayed) result. */
export type Compensation<T> = (result: T, context: StepContext) => Promise<unknown> | unknown;

/** Options of one saga step: a step's own options plus how to undo it. */
export interface SagaStepConfig<T> extends StepConfig<T> {
  /** Undoes the step after a later failure. Without it the step is not compensated. */
  compensate?: Compensation<T>;
  /** Retries of this step's compensation; default: the saga's `compensationRetryStrategy`. */
  compensationRetryStrategy?: RetryStrategy;
}

/** Options of {@link saga}. */
export interface SagaConfig {
  /**
   * Retries of every compensation step (each can override it). Default: the SDK's default step
   * retry strategy. Compensations should be idempotent: each is an at-least-once step.
   */
  compensationRetryStrategy?: RetryStrategy;
  /**
   * What to do when a compensation fails for good: `"continue"` (default) runs the remaining
   * compensations and reports the failure; `"stop"` skips them.
   */
  onCompensationFailure?: "continue" | "stop";
}

/** What a saga body works with. */
export interface SagaTransaction {
  /** The saga's own child context, for waits, callbacks, invokes and other operations. */
  readonly context: DurableContext;
  /**
   * Runs `fn` as a durable step of the saga and, once it succeeded, registers `config.compensate`
   * to undo it if the saga fails later.
   */
  step<T>(name: string, fn: (context: StepContext) => Promise<T>, config?: SagaStepConfig<T>): Promise<T>;
  /**
   * Registers a compensation for work done by other operations (an invoke, a callback): it runs
   * as the step `compensate:<name>` if the saga fails after this call.
   */
  addCompensation(name: string, compensate: (context: StepContext) => Promise<unknown> | unknown, config?: { retryStrategy?: RetryStrategy }): void;
}

interface Registered {
  name: string;
  run: (context: StepContext) => Promise<unknown>;
  retryStrategy: RetryStrategy | undefined;
}

/**
 * Runs `body` as a saga in a child context named `name`: its steps register compensations, and
 * when the body throws, the compensations of the completed steps run in reverse order, each as a
 * durable step (`compensate:<step name>`) with its own retries. The saga then rejects with a
 * {@link SagaError} whose `cause` is the original failure and whose `compensated` lists what was
 * undone. On success it resolves with the body's result.
 *
 * Replay-safe: the body and the compensations are ordinary operations of the child context, so an
 * invocation that dies anywhere, before, during or after the compensations, continues where it
 * stopped and never runs a completed step or compensation again. Terminal SDK errors
 * (non-determinism, configuration errors) and cancellation are not compensated: they propagate.
 *
 * @example
 * const order = await saga(context, "place-order", async (tx) => {
 *   const hold = await tx.step("reserve", () => inventory.reserve(items), { compensate: (h) => inventory.release(h.id) });
 *   const charge = await tx.step("charge", () => payments.charge(total), { compensate: (c) => payments.refund(c.id) });
 *   await tx.step("ship", () => shipping.ship(hold.id));
 *   return { hold, charge };
 * });
 */
export function saga<T>(context: DurableContext, name: string, body: (tx: SagaTransaction) => Promise<T>, config: SagaConfig = {}): DurablePromise<T> {
  return context.runInChildContext<T>(
    name,
    async (child) => {
      const registered: Registered[] = [];
      let failedStep: string | undefined;
      const tx: SagaTransaction = {
        context: child,
        async step(stepName, fn, stepConfig = {}) {
          const { compensate, compensationRetryStrategy, ...options } = stepConfig;
          let result: Awaited<T> | unknown;
          try {
            result = await child.step(stepName, fn, options);
          } catch (error) {
            failedStep = stepName;
            throw error;
          }
          if (compensate !== undefined) {
            registered.push({ name: stepName, run: async (ctx) => compensate(result as never, ctx), retryStrategy: compensationRetryStrategy });
          }
          return result as never;
        },
        addCompensation(actionName, compensate, options = {}) {
          registered.push({ name: actionName, run: async (ctx) => compensate(ctx), retryStrategy: options.retryStrategy });
        },
      };
      try {
        return await body(tx);
      } catch (error) {
        if (!isCompensable(error)) throw error;
        throw await compensateAll(child, registered, error, failedStep, config);
      }
    },
    { errorMapper: toSagaError },
  );
}

/** Terminal SDK errors end the execution and cancellation means another branch won: neither is a business failure to undo. */
function isCompensable(error: unknown): boolean {
  return !isTerminalError(error) && !isDurableError(error, ErrorCode.CANCELLED);
}

async function compensateAll(
  child: DurableContext,
  registered: readonly Registered[],
  failure: unknown,
  failedStep: string | undefined,
  config: SagaConfig,
): Promise<SagaError> {
  const compensated: string[] = [];
  const failedCompensations: FailedCompensation[] = [];
  for (const entry of [...registered].reverse()) {
    if (failedCompensations.length > 0 && config.onCompensationFailure === "stop") break;
    const retryStrategy = entry.retryStrategy ?? config.compensationRetryStrategy;
    try {
      await child.step(`compensate:${entry.name}`, entry.run, retryStrategy !== undefined ? { retryStrategy } : {});
      compensated.push(entry.name);
    } catch (error) {
      if (!isCompensable(error)) throw error;
      const last = lastAttemptError(error);
      failedCompensations.push({ step: entry.name, errorType: last.name, errorMessage: last.message });
    }
  }
  const code = failedCompensations.length === 0 ? SagaErrorCode.COMPENSATED : SagaErrorCode.COMPENSATION_FAILED;
  const reason = failure instanceof Error ? failure.message : String(failure);
  const message =
    code === SagaErrorCode.COMPENSATED
      ? `Saga failed${failedStep !== undefined ? ` at step "${failedStep}"` : ""} (${reason}); compensated: ${compensated.length > 0 ? compensated.join(", ") : "nothing"}`
      : `Saga failed${failedStep !== undefined ? ` at step "${failedStep}"` : ""} (${reason}) and could not compensate: ${failedCompensations.map((f) => f.step).join(", ")}`;
  return new SagaError(message, { code, failedStep, compensated, failedCompensations }, { cause: failure });
}

/** A failed step rejects with a `StepError` whose `cause` is what the step body threw. */
function lastAttemptError(error: unknown): Error {
  const inner = (error as { cause?: unknown }).cause;
  if (inner instanceof Error) return inner;
  return error instanceof Error ? error : new Error(String(error));
}
