// Its own module so that completion-policy.ts and batch-result.ts both depend on it, not on each other.

/** The state of one map item or parallel branch in a batch result (`BatchResult.all`). */
export enum BatchItemStatus {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  /** Still running when the batch ended; it was cancelled. */
  STARTED = "STARTED",
}
