import type { OperationUpdate } from "@aws-sdk/client-lambda";
import { ChildContextError, isTerminalError } from "../errors/index.js";
import type { Serdes } from "../serdes/index.js";
import { assertPayloadFits } from "../replay/codec.js";
import { claim, drive, Position, type OperationKind, type Outcome } from "../replay/engine.js";
import { DurablePromise } from "./durable-promise.js";
import type { ChildScope, ClaimedOperation, OperationScope } from "../replay/host.js";

export interface ChildConfig<T> {
  serdes?: Serdes<T>;
  /** SubType written on the CONTEXT operation. Default `RunInChildContext`. */
  subType?: string;
  /** Stored instead of a result too large to store inline (the body then replays over its children). */
  summaryGenerator?: (result: T) => string;
  /** Maps the body's (restored) failure to the error user code receives. Default: `ChildContextError` with the failure as cause. */
  errorMapper?: (error: Error) => Error;
}

/**
 * `context.runInChildContext`: a CONTEXT operation whose body gets its own context (operation ids
 * nest under it). A completed context returns its stored result without re-running the body,
 * except when the result was too large to store: then the body replays over its recorded children.
 */
export function runChildContext<T, C>(
  scope: OperationScope<C>,
  name: string | undefined,
  fn: (context: C) => Promise<T>,
  config: ChildConfig<T> = {},
  onChild?: (child: ChildScope<C>) => void,
): Promise<T> {
  return runChildOperation(scope, name, (child) => child.run(fn), config, onChild);
}

/**
 * The CONTEXT operation itself, around any body that receives the child scope: used directly by
 * operations composed of other operations (waitForCallback, map, parallel).
 */
export function runChildOperation<T, C>(
  scope: OperationScope<C>,
  name: string | undefined,
  body: (child: ChildScope<C>) => Promise<T>,
  config: ChildConfig<T> = {},
  onChild?: (child: ChildScope<C>) => void,
): Promise<T> {
  const kind = childKind(scope, body, config, onChild);
  return drive(claim(scope, kind, name), kind);
}

/**
 * A CONTEXT operation at a position already claimed. `onChild` receives the child scope before the
 * body runs (map/parallel keep it to cancel items still running when the batch completes); a
 * cancelled child writes no SUCCEED/FAIL and rejects with its cancellation error.
 */
export function runClaimedChild<T, C>(
  scope: OperationScope<C>,
  operation: ClaimedOperation,
  body: (child: ChildScope<C>) => Promise<T>,
  config: ChildConfig<T> = {},
  onChild?: (child: ChildScope<C>) => void,
): Promise<T> {
  const kind = childKind(scope, body, config, onChild);
  return drive(new Position(scope, operation, "CONTEXT", kind.subType), kind);
}

/**
 * The CONTEXT kind: START (queued), the body in a child scope, SUCCEED with the result (or a
 * summary and ReplayChildren when it is too large to store inline) or FAIL. A completed context
 * replays its stored result without running the body, except under ReplayChildren: then the body
 * runs again over its recorded children and writes nothing (aws-java #338).
 */
function childKind<T, C>(
  scope: OperationScope<C>,
  body: (child: ChildScope<C>) => Promise<T>,
  config: ChildConfig<T>,
  onChild: ((child: ChildScope<C>) => void) | undefined,
): OperationKind<T> {
  const serdes = (config.serdes ?? scope.serdes) as Serdes<T>;
  const mapError = config.errorMapper ?? toChildContextError;
  return {
    type: "CONTEXT",
    subType: config.subType ?? "RunInChildContext",
    label: "child context",
    serdes,
    child: true,
    details: (stored) => stored.ContextDetails,
    read: (payload, position) => position.decode(serdes, payload),
    failure: (restored) => mapError(restored),
    rerunsOnSuccess: (stored) => stored.ContextDetails?.ReplayChildren === true,
    start: { when: "new", ack: false },
    succeedFields: (payload, result, position) => successFields(position, config, result, payload),
    execute: ({ position }) => {
      const child = scope.createChild(position);
      onChild?.(child);
      const failed = (error: unknown): Outcome<T> => {
        if (isTerminalError(error)) throw error;
        if (child.cancelled) throw child.cancelled;
        return { action: "FAIL", error };
      };
      const returned = (result: T): Outcome<T> => {
        try {
          child.assertEnded();
        } catch (error) {
          return failed(error);
        }
        if (child.cancelled) throw child.cancelled;
        return { action: "SUCCEED", result };
      };
      return settle(() => body(child), returned, failed);
    },
  };
}

/** SUCCEED's fields: the result inline, or a summary and ReplayChildren when it is over the inline limit. */
function successFields<T>(position: Position, config: ChildConfig<T>, result: T, payload: string | undefined): Partial<OperationUpdate> {
  const { limits } = position.services;
  const inline = payload === undefined || payload.length * 3 <= limits.childResultInlineBytes || Buffer.byteLength(payload, "utf8") <= limits.childResultInlineBytes;
  if (inline) return { Payload: payload };
  const summary = config.summaryGenerator ? config.summaryGenerator(result) : "";
  assertPayloadFits(summary, limits.maxOperationPayloadBytes, `${position.describe("child context")} summary`);
  return { Payload: summary, ContextOptions: { ReplayChildren: true } };
}

/** A child's failure as user code sees it, live and on replay. */
export function toChildContextError(restored: Error): ChildContextError {
  if (restored instanceof ChildContextError) return restored;
  return new ChildContextError(restored.message, restored);
}

/**
 * Calls `body` and maps its end through one reaction. A body that returns an operation's own
 * promise (`(ctx, item) => ctx.step(…)`, the usual map item) is read through its settlement, which
 * spares the two promises an `await` of a thenable costs; a throw or plain value count as settled.
 */
function settle<V, R>(body: () => V | PromiseLike<V>, value: (value: V) => R, error: (error: unknown) => R): Promise<R> {
  let returned: V | PromiseLike<V>;
  try {
    returned = body();
  } catch (thrown) {
    return Promise.reject(thrown).then(value, error);
  }
  if (returned instanceof DurablePromise) {
    return (returned as DurablePromise<V>).settlement().then((settlement) => (settlement.ok ? value(settlement.value) : error(settlement.error)));
  }
  return Promise.resolve(returned).then(value, error);
}
