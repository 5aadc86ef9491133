import type { OperationUpdate } from "@aws-sdk/client-lambda";
import { ChildContextError, isTerminalError } from "../errors/index.js";
import type { Serdes } from "../serdes/index.js";
import type { ChildScope, ClaimedOperation, OperationScope } from "./host.js";
import { assertPayloadFits, describeOperation, roundTrip, serdesContext } from "./payload.js";
import { deserializeValue } from "../serdes/index.js";

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
  const operation = scope.claim({ type: "CONTEXT", subType: config.subType ?? "RunInChildContext", name });
  return runClaimedChild(scope, operation, body, config, onChild);
}

/**
 * A CONTEXT operation at a position already claimed. `onChild` receives the child scope before the
 * body runs (map/parallel keep it to cancel items still running when the batch completes); a
 * cancelled child writes no SUCCEED/FAIL and rejects with its cancellation error.
 */
export async function runClaimedChild<T, C>(
  scope: OperationScope<C>,
  operation: ClaimedOperation,
  body: (child: ChildScope<C>) => Promise<T>,
  config: ChildConfig<T> = {},
  onChild?: (child: ChildScope<C>) => void,
): Promise<T> {
  const { services } = scope;
  const serdes = (config.serdes ?? scope.serdes) as Serdes<T>;
  const stored = operation.stored;
  const context = serdesContext(services, operation);

  if (stored?.Status === "SUCCEEDED" && !stored.ContextDetails?.ReplayChildren) {
    return services.activity.run(async () => (await deserializeValue(serdes, stored.ContextDetails?.Result, context)) as T);
  }
  const mapError = config.errorMapper ?? toChildContextError;
  if (stored !== undefined && stored.Status !== "STARTED" && stored.Status !== "SUCCEEDED") {
    throw mapError(services.decodeError(stored.ContextDetails?.Error));
  }
  const update = baseUpdate(operation, config);
  if (stored === undefined) scope.enqueue({ ...update, Action: "START" }).catch(() => undefined);

  const child = scope.createChild(operation);
  onChild?.(child);
  let result: T;
  try {
    result = await body(child);
    child.assertEnded();
  } catch (error) {
    if (isTerminalError(error)) throw error;
    if (child.cancelled) throw child.cancelled;
    return services.activity.run(async () => {
      const errorObject = services.encodeError(error);
      scope.enqueue({ ...update, Action: "FAIL", Error: errorObject }).catch(() => undefined);
      throw mapError(services.decodeError(errorObject));
    });
  }
  if (child.cancelled) throw child.cancelled;
  return services.activity.run(async () => {
    const { payload, value } = await roundTrip(serdes, result, context);
    // A SUCCEEDED context with ReplayChildren is already complete: replay writes nothing (aws-java #338).
    if (stored?.Status === "SUCCEEDED") return value;
    scope.enqueue(await successUpdate(scope, operation, config, update, result, payload)).catch(() => undefined);
    return value;
  });
}

/** SUCCEED with the result inline, or with a summary and ReplayChildren when it is over the inline limit. */
async function successUpdate<T>(
  scope: OperationScope<unknown>,
  operation: ClaimedOperation,
  config: ChildConfig<T>,
  update: Omit<OperationUpdate, "Action">,
  result: T,
  payload: string | undefined,
): Promise<OperationUpdate> {
  const { limits } = scope.services;
  const label = describeOperation("child context", operation);
  const inline = payload === undefined || Buffer.byteLength(payload, "utf8") <= limits.childResultInlineBytes;
  if (inline) {
    assertPayloadFits(payload, limits.maxOperationPayloadBytes, label);
    return { ...update, Action: "SUCCEED", Payload: payload };
  }
  const summary = config.summaryGenerator ? config.summaryGenerator(result) : "";
  assertPayloadFits(summary, limits.maxOperationPayloadBytes, `${label} summary`);
  return { ...update, Action: "SUCCEED", Payload: summary, ContextOptions: { ReplayChildren: true } };
}

function baseUpdate<T>(operation: ClaimedOperation, config: ChildConfig<T>): Omit<OperationUpdate, "Action"> {
  return {
    Id: operation.id,
    ParentId: operation.parentId,
    Name: operation.name,
    Type: "CONTEXT",
    SubType: config.subType ?? "RunInChildContext",
  };
}

/** A child's failure as user code sees it, live and on replay. */
export function toChildContextError(restored: Error): ChildContextError {
  if (restored instanceof ChildContextError) return restored;
  return new ChildContextError(restored.message, restored);
}
