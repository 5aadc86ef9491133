import { CallbackError, CallbackSubmitterError, ChildContextError } from "../errors/index.js";
import type { RetryStrategy } from "../retry/index.js";
import type { Deserializer } from "../serdes/index.js";
import { runCreateCallback, type CreateCallbackConfig } from "./callback.js";
import { runChildOperation } from "./child-context.js";
import type { ChildScope, OperationScope } from "../replay/host.js";
import { runStep, type StepContext } from "./step.js";

export interface WaitForCallbackConfig<T = string> extends CreateCallbackConfig<T> {
  /** Retries of the submitter. Default `retryPresets.default`. */
  retryStrategy?: RetryStrategy;
}

/** Hands the callback id to the external system (an email, a queue message, an API call). */
export type WaitForCallbackSubmitterFunc = (callbackId: string, context: StepContext) => Promise<void>;

/**
 * `context.waitForCallback`: a CONTEXT (`WaitForCallback`) holding a CALLBACK and a STEP that runs
 * `submitter(callbackId)` with its own retry strategy; resolves with the callback's result.
 * Rejects with `CallbackSubmitterError` (the submitter failed after its retries),
 * `CallbackTimeoutError` or `CallbackExternalError` (the sender failed it).
 */
export function runWaitForCallback<T, C>(
  scope: OperationScope<C>,
  name: string | undefined,
  submitter: WaitForCallbackSubmitterFunc,
  config: WaitForCallbackConfig<T> = {},
  defaultDeserializer?: Deserializer<unknown>,
  onChild?: (child: ChildScope<C>) => void,
): Promise<T> {
  return runChildOperation<T, C>(
    scope,
    name,
    (child) =>
      child.run(async () => {
        const [result, callbackId] = await runCreateCallback<T>(child.scope, undefined, config, defaultDeserializer);
        try {
          await runStep(child.scope, undefined, (stepContext) => submitter(callbackId, stepContext), { retryStrategy: config.retryStrategy });
        } catch (error) {
          const cause = (error as Error & { cause?: Error }).cause ?? (error as Error);
          throw new CallbackSubmitterError(cause.message, cause);
        }
        return result;
      }),
    { subType: "WaitForCallback", errorMapper: keepCallbackErrors },
    onChild,
  );
}

/** Callback failures reach user code as they are; anything else is a child-context failure. */
function keepCallbackErrors(error: Error): Error {
  if (error instanceof CallbackError || error instanceof ChildContextError) return error;
  return new ChildContextError(error.message, error);
}
