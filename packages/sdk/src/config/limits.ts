/**
 * Size and batching limits the SDK enforces before sending anything, so a handler fails with a
 * typed error naming the operation instead of an opaque service rejection.
 */
export interface DurableLimits {
  /** Largest serialized step result, condition state or invoke payload (UTF-8 bytes). The service enforced 262,144 B in 2026 (aws-py #342). */
  maxOperationPayloadBytes: number;
  /** Largest child-context / map / parallel result stored inline; above it the ReplayChildren path is used. */
  childResultInlineBytes: number;
  /** Largest recorded error object; longer ones are truncated (StackTrace, then ErrorData, then ErrorMessage). */
  maxErrorObjectBytes: number;
  /**
   * Lambda's response limit, applied to the whole answer as sent (`{"Status":"SUCCEEDED","Result":…}`,
   * the result escaped once more); a result whose answer is larger is checkpointed on the EXECUTION operation instead.
   */
  maxResponseBytes: number;
  /**
   * Largest handler result (serialized, UTF-8) an execution can hold; a larger one ends the execution FAILED
   * with `PayloadTooLargeError`. 6 MiB for executions started by a RequestResponse invoke; the service allows
   * only 1 MiB (1,048,576) for one started by an `Event` invoke, which the SDK cannot see: set it for such functions.
   */
  maxResultBytes: number;
  /** A checkpoint batch is cut before it exceeds this many serialized bytes. */
  maxCheckpointBatchBytes: number;
  /** A checkpoint batch holds at most this many updates. */
  maxCheckpointBatchUpdates: number;
  /** Running attempts are stopped this long before the Lambda deadline; a service call still unanswered then is aborted (a transient error). */
  deadlineMarginMs: number;
  /** Default Lambda client only: connecting to the service may take this long per attempt. */
  connectionTimeoutMs: number;
  /** Default Lambda client only: one attempt of a service call (request and response) may take this long; the AWS SDK makes up to 3 attempts. */
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: Readonly<DurableLimits> = Object.freeze({
  maxOperationPayloadBytes: 262_144,
  childResultInlineBytes: 262_144,
  maxErrorObjectBytes: 32_768,
  maxResponseBytes: 6_291_456,
  maxResultBytes: 6_291_456,
  maxCheckpointBatchBytes: 750_000,
  maxCheckpointBatchUpdates: 250,
  deadlineMarginMs: 2_000,
  connectionTimeoutMs: 2_000,
  requestTimeoutMs: 5_000,
});
