/** Size and range limits the backend enforces (protocol §8). */

/** Configurable size limits of {@link InMemoryBackend}. */
export interface BackendLimits {
  /** Max UTF-8 bytes of an update's `Payload` (not EXECUTION). Default 262,144; at most 1,048,576. */
  maxOperationPayloadBytes: number;
  /** Max UTF-8 bytes of an `ErrorObject` serialized as JSON. Default 1,048,576. */
  maxErrorObjectBytes: number;
  /** Max UTF-8 bytes of the execution's result (EXECUTION `Payload`, handler `Result`). Default 6,291,456. */
  maxResponseBytes: number;
  /** Max UTF-8 bytes of the result of an execution started by an `Event` (asynchronous) invoke. Default 1,048,576. */
  maxEventResultBytes: number;
}

/** The service's model limit for an operation payload. */
export const MAX_OPERATION_PAYLOAD_BYTES = 1_048_576;

/** Defaults: the payload limit the service actually enforced, the model's other limits. */
export const DEFAULT_LIMITS: Readonly<BackendLimits> = Object.freeze({
  maxOperationPayloadBytes: 262_144,
  maxErrorObjectBytes: 1_048_576,
  maxResponseBytes: 6_291_456,
  maxEventResultBytes: 1_048_576,
});

/** WaitSeconds, NextAttemptDelaySeconds, ExecutionTimeout: integers 1–31,622,400 (366 days). */
export const MAX_DURATION_SECONDS = 31_622_400;

/** Max bytes of a callback success `Result` (SendDurableExecutionCallbackSuccess). */
export const MAX_CALLBACK_RESULT_BYTES = 1_048_576;

/** Max length of a CallbackId. */
export const MAX_CALLBACK_ID_LENGTH = 1024;

/** `ChainedInvokeOptions.FunctionName` (name or ARN): 1–170 characters; `TenantId`: 1–256. */
export const MAX_FUNCTION_NAME_LENGTH = 170;
export const MAX_TENANT_ID_LENGTH = 256;

/** Page size limits of GetDurableExecutionState / history (0 or absent = 100) and of a checkpoint delta. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** How long the service remembers a ClientToken (15 minutes). */
export const CLIENT_TOKEN_TTL_MS = 15 * 60_000;

/** Merges and checks limit overrides; throws a `RangeError` naming the bad option. */
export function resolveLimits(overrides?: Partial<BackendLimits>): BackendLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`limits.${key}: expected a positive integer, received ${String(value)}`);
    }
  }
  if (limits.maxOperationPayloadBytes > MAX_OPERATION_PAYLOAD_BYTES) {
    throw new RangeError(`limits.maxOperationPayloadBytes: at most ${MAX_OPERATION_PAYLOAD_BYTES}, received ${limits.maxOperationPayloadBytes}`);
  }
  return limits;
}

/** How an execution was started: a synchronous (`RequestResponse`) or an asynchronous (`Event`) invoke. */
export type InvocationType = "RequestResponse" | "Event";

/** The largest result an execution may end with: the service's lower limit applies to one started by an `Event` invoke (protocol §8). */
export function resultLimitBytes(limits: BackendLimits, invocationType: InvocationType): number {
  return invocationType === "Event" ? Math.min(limits.maxEventResultBytes, limits.maxResponseBytes) : limits.maxResponseBytes;
}

/** Names the limit in messages: which invoke it belongs to. */
export function resultLimitName(invocationType: InvocationType): string {
  return invocationType === "Event" ? "for the result of an execution started by an Event invoke" : "for a response";
}

/** UTF-8 byte length of a string. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
