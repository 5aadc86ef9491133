import type { PayloadReference } from "./payload-reference.js";

/** The object a checkpointed reference points to is gone (expired by a lifecycle rule, deleted). Not retryable. */
export class PayloadObjectMissingError extends Error {
  readonly code = "PAYLOAD_OBJECT_MISSING";
  constructor(readonly reference: PayloadReference) {
    super(`The offloaded payload s3://${reference.bucket}/${reference.key} does not exist (${reference.bytes} bytes, preview ${JSON.stringify(reference.preview)})`);
    this.name = "PayloadObjectMissingError";
  }
}

/** The object's content does not have the hash the checkpoint recorded. Not retryable. */
export class PayloadIntegrityError extends Error {
  readonly code = "PAYLOAD_INTEGRITY";
  constructor(
    readonly reference: PayloadReference,
    readonly actualSha256: string,
  ) {
    super(`The offloaded payload s3://${reference.bucket}/${reference.key} has SHA-256 ${actualSha256}, the checkpoint recorded ${reference.sha256}`);
    this.name = "PayloadIntegrityError";
  }
}
