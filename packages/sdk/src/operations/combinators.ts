import type { ErrorObject } from "@aws-sdk/client-lambda";
import { CancelledError, PromiseCombinatorError } from "../errors/index.js";
import { DurablePromise } from "./durable-promise.js";
import type { Serdes } from "../serdes/index.js";
import { runClaimedChild } from "./child-context.js";
import type { InvocationServices, OperationScope } from "../replay/host.js";

export type CombinatorKind = "all" | "allSettled" | "any" | "race";

/**
 * `context.promise.*`: combines durable promises inside one CONTEXT operation, so the outcome
 * (which input won a race, which settled how) is recorded on the first run and replayed as is.
 * Waiting inputs never hold the invocation: it suspends like any other wait. `all` and `race`
 * reject with the input's own error; `any` with `PromiseCombinatorError` (cause: an AggregateError).
 * `race` and `any` cancel the inputs still open once they settle (child contexts stop; see below).
 */
export function runCombinator<T>(scope: OperationScope, name: string | undefined, kind: CombinatorKind, promises: PromiseLike<T>[]): Promise<unknown> {
  const inputs = [...promises];
  const operation = scope.claim({ type: "CONTEXT", subType: "RunInChildContext", name });
  const cancelLosers = () => {
    for (const input of inputs) if (input instanceof DurablePromise) input.cancel(new CancelledError("RACE_LOST"));
  };
  // Replaying a recorded race: stop the losers now, before their replay can run ahead of the outcome.
  if ((kind === "race" || kind === "any") && operation.stored && operation.stored.Status !== "STARTED") cancelLosers();
  const outcome = runClaimedChild<unknown, unknown>(scope, operation, (child) => child.run(() => combine(kind, inputs)), {
    errorMapper: (error) => error,
    serdes: kind === "allSettled" ? settledSerdes(scope.serdes, scope.services) : undefined,
  });
  if (kind !== "race" && kind !== "any") return outcome;
  // The losers of a race (or any) stop: child contexts among them are cancelled, so they write
  // nothing more and their signals abort.
  outcome.then(cancelLosers, cancelLosers);
  return outcome;
}

async function combine<T>(kind: CombinatorKind, inputs: PromiseLike<T>[]): Promise<unknown> {
  switch (kind) {
    case "all":
      return Promise.all(inputs);
    case "allSettled":
      return Promise.allSettled(inputs);
    case "race":
      return Promise.race(inputs);
    case "any":
      try {
        return await Promise.any(inputs);
      } catch (error) {
        throw new PromiseCombinatorError("All promises passed to promise.any were rejected", error as Error);
      }
  }
}

type StoredSettled = { status: "fulfilled"; value: unknown } | { status: "rejected"; reason: ErrorObject };

/** allSettled outcomes with their rejection reasons recorded losslessly (class, message, cause). */
function settledSerdes(valueSerdes: Serdes<unknown>, services: InvocationServices): Serdes<unknown> {
  return {
    serialize: (value, context) => {
      const settled = value as PromiseSettledResult<unknown>[] | undefined;
      const stored = settled?.map((entry): StoredSettled => (entry.status === "fulfilled" ? entry : { status: "rejected", reason: services.encodeError(entry.reason) }));
      return valueSerdes.serialize(stored, context);
    },
    deserialize: async (data, context) => {
      const stored = (await valueSerdes.deserialize(data, context)) as StoredSettled[] | undefined;
      return stored?.map((entry) => (entry.status === "fulfilled" ? entry : { status: "rejected" as const, reason: services.decodeError(entry.reason) }));
    },
  };
}
