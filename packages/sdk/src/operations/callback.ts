import type { Operation } from "@aws-sdk/client-lambda";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { CallbackExternalError, CallbackTimeoutError, ConfigError, DurableExecutionClientError, InvalidEventError } from "../errors/index.js";
import { passThroughSerdes, type Deserializer } from "../serdes/index.js";
import { durationToSeconds, MAX_DURATION_SECONDS, type Duration } from "../time/index.js";
import { DurablePromise } from "./durable-promise.js";
import { claim, drive, serviceSettled, start, untilServiceSettles, type OperationKind } from "../replay/engine.js";
import type { ClaimedOperation, OperationScope } from "../replay/host.js";

export interface CreateCallbackConfig<T = string> {
  /** The callback fails with `CallbackTimeoutError` if not completed within this time. Default: none. */
  timeout?: Duration;
  /** The callback fails with `CallbackTimeoutError` if no heartbeat arrives within this window. Default: none. */
  heartbeatTimeout?: Duration;
  /** Reads the sender's result. Default: the raw string sent (or the context's `defaultCallbackDeserializer`). */
  serdes?: Deserializer<T>;
  /**
   * Validates the (deserialized) result with any Standard Schema (zod, valibot, arktype). A result that
   * fails it rejects the await with `CallbackExternalError` whose cause is `InvalidEventError{source:"callback"}`.
   */
  schema?: StandardSchemaV1<unknown, T>;
}

/** A reader of callback results: the result's type is its output. */
export type CallbackReader<T> = { serdes: Deserializer<T>; schema?: StandardSchemaV1<unknown, T> } | { schema: StandardSchemaV1<unknown, T>; serdes?: Deserializer<T> };

/**
 * A callback config without a reader: the result is the raw string the sender sent (a sender that
 * sends no result at all gives `undefined`). To get another type, give `serdes` or `schema`.
 */
export type RawCallbackConfig<C extends CreateCallbackConfig<unknown>> = Omit<C, "serdes" | "schema"> & { serdes?: undefined; schema?: undefined };

/** `[result, callbackId]`: hand the id to the external system; await the result. */
export type CreateCallbackResult<T> = [DurablePromise<T>, string];

/**
 * `context.createCallback`: a CALLBACK operation the service completes when an external system
 * calls `SendDurableExecutionCallbackSuccess/Failure` with its id. The START is acknowledged before
 * the id is returned. Awaiting the result suspends the invocation until the callback completes;
 * failure and timeout reject then, never at creation.
 */
export async function runCreateCallback<T>(
  scope: OperationScope,
  name: string | undefined,
  config: CreateCallbackConfig<T> = {},
  defaultDeserializer?: Deserializer<unknown>,
): Promise<CreateCallbackResult<T>> {
  const options = callbackOptions(config);
  const deserializer = (config.serdes ?? defaultDeserializer ?? passThroughSerdes) as Deserializer<T>;
  const kind = callbackKind(deserializer, config.schema, options);
  const position = claim(scope, kind, name);
  if (position.stored === undefined) await start(position, kind);
  const callbackId = scope.services.log.get(position.id)?.CallbackDetails?.CallbackId;
  if (!callbackId) {
    // The service always returns the id with the START's acknowledgement; without it nothing can
    // complete the callback. Transient: the retried invocation reads it from the state.
    throw new DurableExecutionClientError({
      scope: "INVOCATION",
      message: `The service returned no CallbackId for callback ${position.name ?? ""} (id ${position.id})`,
    });
  }
  // Settles with the callback's outcome; waits on the service (suspending) while it is open.
  const result = new DurablePromise<T>(() => drive(position, kind, { started: true }), { lazy: true });
  return [result, callbackId];
}

/** The CALLBACK kind: START (acknowledged, carries the timeouts), then the service completes it. */
function callbackKind<T>(deserializer: Deserializer<T>, schema: StandardSchemaV1<unknown, T> | undefined, options: ReturnType<typeof callbackOptions>): OperationKind<T> {
  return {
    type: "CALLBACK",
    subType: "Callback",
    label: "callback",
    details: (stored) => stored.CallbackDetails,
    read: (payload, position) => {
      const value = position.decode(deserializer, payload);
      if (!schema) return value;
      return (async () => validateCallbackResult(schema, await value, position))();
    },
    failure: callbackFailure,
    settled: serviceSettled,
    waitsOn: { reason: "CALLBACK", while: untilServiceSettles, timer: false },
    start: { when: "new", ack: true, fields: options ? () => ({ CallbackOptions: options }) : undefined },
  };
}

/**
 * The START's CallbackOptions. "No timeout" (absent or 0) leaves the field out, as the official SDK
 * does: the official local server arms a 0-second timer for an explicit 0.
 */
function callbackOptions(config: CreateCallbackConfig<unknown>): { TimeoutSeconds?: number; HeartbeatTimeoutSeconds?: number } | undefined {
  const seconds = (value: Duration | undefined, field: string) => {
    if (value === undefined) return undefined;
    const total = durationToSeconds(value, field);
    if (total > MAX_DURATION_SECONDS) {
      throw new ConfigError("INVALID_DURATION", `${field} must be at most ${MAX_DURATION_SECONDS} seconds, received ${total}`, field);
    }
    return total > 0 ? total : undefined;
  };
  const timeout = seconds(config.timeout, "callback timeout");
  const heartbeat = seconds(config.heartbeatTimeout, "callback heartbeatTimeout");
  if (timeout === undefined && heartbeat === undefined) return undefined;
  return { ...(timeout !== undefined && { TimeoutSeconds: timeout }), ...(heartbeat !== undefined && { HeartbeatTimeoutSeconds: heartbeat }) };
}

/** The sender's result checked against the callback's schema (the schema's output is returned). */
async function validateCallbackResult<T>(schema: StandardSchemaV1<unknown, T>, value: unknown, operation: ClaimedOperation): Promise<T> {
  const checked = await schema["~standard"].validate(value);
  if (!checked.issues) return checked.value;
  const cause = new InvalidEventError({
    source: "callback",
    issues: checked.issues.map((issue) => ({ message: issue.message, path: issue.path })),
    message: `The result of callback ${operation.name ?? operation.id} does not match its schema: ${checked.issues.map((issue) => issue.message).join("; ")}`,
  });
  throw new CallbackExternalError(cause.message, cause);
}

/** The sender's failure (or the timeout) as user code receives it; the sender's ErrorData is carried up, as the official SDK does. */
function callbackFailure(cause: Error, stored: Operation | undefined): Error {
  const errorData = (cause as { errorData?: unknown }).errorData;
  const data = typeof errorData === "string" ? errorData : undefined;
  if (stored?.Status === "TIMED_OUT") return new CallbackTimeoutError(cause.message || "Callback timed out", cause, data);
  return new CallbackExternalError(cause.message, cause, data);
}
