/**
 * `@durable-ts/s3-payloads`: values too large for a checkpoint are stored in S3 and checkpointed as a
 * reference with a content hash. Notes: docs/large-payloads.md.
 */
export { S3PayloadStore, DEFAULT_THRESHOLD_BYTES, type PayloadLocation, type S3PayloadStoreOptions } from "./s3-payload-store.js";
export { s3Serdes, s3CallbackDeserializer } from "./s3-serdes.js";
export { offloadResult, readResult } from "./handler-result.js";
export { decodeReference, encodeReference, isPayloadReference, REFERENCE_MARKER, type PayloadReference } from "./payload-reference.js";
export { PayloadIntegrityError, PayloadObjectMissingError } from "./errors.js";
