import { createHash } from "node:crypto";
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { SerdesError } from "@durable-ts/sdk";
import { PayloadIntegrityError, PayloadObjectMissingError } from "./errors.js";
import { decodeReference, encodeReference, previewOf, REFERENCE_MARKER, type PayloadReference } from "./payload-reference.js";

/** Options of {@link S3PayloadStore}. */
export interface S3PayloadStoreOptions {
  /** The client to use (its region, credentials and endpoint). */
  client: S3Client;
  bucket: string;
  /** Prefix of every key, e.g. `"durable/"` (a lifecycle rule on it expires the objects). Default `"durable-payloads/"`. */
  prefix?: string;
  /**
   * Payloads larger than this many UTF-8 bytes are stored in S3. Default 200,000: below the
   * service's 256 KB limit per operation payload, with room for the rest of the update.
   */
  thresholdBytes?: number;
  /** Server-side encryption of stored objects, e.g. `"aws:kms"`. Default: the bucket's setting. */
  serverSideEncryption?: "AES256" | "aws:kms" | "aws:kms:dsse";
}

/** Where a payload belongs: it becomes part of the object key. */
export interface PayloadLocation {
  /** ARN of the durable execution. */
  durableExecutionArn: string;
  /** The operation (wire id), or a label such as `"result"`. */
  operationId: string;
}

export const DEFAULT_THRESHOLD_BYTES = 200_000;

/** Turns an execution ARN into key characters S3 handles everywhere, keeping its `/` structure. */
function keySegment(arn: string): string {
  return arn.replace(/[^A-Za-z0-9!_.*'()/-]/g, "_");
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === "NoSuchKey" || name === "NotFound" || statusOf(error) === 404;
}

/** Throttling, server errors and network failures may pass: retry the invocation. Other 4xx will not. */
function isTransient(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

/**
 * Stores payload strings in S3 under content-addressed keys and reads them back with a hash check.
 * Writing the same payload for the same operation twice (a replayed or retried invocation) writes
 * the same key, so offloading is idempotent.
 */
export class S3PayloadStore {
  readonly bucket: string;
  readonly prefix: string;
  readonly thresholdBytes: number;
  private readonly client: S3Client;
  private readonly serverSideEncryption: S3PayloadStoreOptions["serverSideEncryption"];

  constructor(options: S3PayloadStoreOptions) {
    if (typeof options.bucket !== "string" || options.bucket === "")
      throw new TypeError(`S3PayloadStore: bucket must be a non-empty string, received ${JSON.stringify(options.bucket)}`);
    const threshold = options.thresholdBytes ?? DEFAULT_THRESHOLD_BYTES;
    if (!Number.isInteger(threshold) || threshold < 0)
      throw new TypeError(`S3PayloadStore: thresholdBytes must be an integer ≥ 0, received ${String(options.thresholdBytes)}`);
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? "durable-payloads/";
    this.thresholdBytes = threshold;
    this.serverSideEncryption = options.serverSideEncryption;
  }

  /** True when `payload` must be stored in S3 rather than inline. */
  shouldOffload(payload: string): boolean {
    return payload.startsWith(REFERENCE_MARKER) || Buffer.byteLength(payload, "utf8") > this.thresholdBytes;
  }

  /** Stores `payload` and returns its reference. Failures are `SerdesError`s (retryable when transient). */
  async put(payload: string, location: PayloadLocation): Promise<PayloadReference> {
    const hash = sha256(payload);
    const key = `${this.prefix}${keySegment(location.durableExecutionArn)}/${keySegment(location.operationId)}-${hash.slice(0, 16)}`;
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: payload,
          ContentType: "application/json; charset=utf-8",
          Metadata: { "payload-sha256": hash },
          ...(this.serverSideEncryption !== undefined ? { ServerSideEncryption: this.serverSideEncryption } : {}),
        }),
      );
    } catch (error) {
      throw new SerdesError({
        direction: "serialize",
        retryable: isTransient(error),
        operation: location.operationId,
        cause: error,
        message: `Could not store the payload of operation ${location.operationId} at s3://${this.bucket}/${key}: ${(error as Error).message}`,
      });
    }
    return { durableTsS3: 1, bucket: this.bucket, key, sha256: hash, bytes: Buffer.byteLength(payload, "utf8"), preview: previewOf(payload) };
  }

  /** Reads the payload `reference` points to and checks its hash. */
  async get(reference: PayloadReference, operation?: string): Promise<string> {
    let body: string;
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: reference.bucket, Key: reference.key }));
      body = (await response.Body?.transformToString("utf-8")) ?? "";
    } catch (error) {
      if (isMissing(error)) {
        throw new SerdesError({
          direction: "deserialize",
          retryable: false,
          operation,
          cause: new PayloadObjectMissingError(reference),
          message: new PayloadObjectMissingError(reference).message,
        });
      }
      throw new SerdesError({
        direction: "deserialize",
        retryable: isTransient(error),
        operation,
        cause: error,
        message: `Could not read s3://${reference.bucket}/${reference.key}: ${(error as Error).message}`,
      });
    }
    const actual = sha256(body);
    if (actual !== reference.sha256) {
      const integrity = new PayloadIntegrityError(reference, actual);
      throw new SerdesError({ direction: "deserialize", retryable: false, operation, cause: integrity, message: integrity.message });
    }
    return body;
  }

  /** `payload` itself when small, else its reference written as a payload string. */
  async offload(payload: string, location: PayloadLocation): Promise<string> {
    return this.shouldOffload(payload) ? encodeReference(await this.put(payload, location)) : payload;
  }

  /** The payload a string stands for: fetched when it is a reference, else the string itself. */
  async resolve(payload: string | undefined, operation?: string): Promise<string | undefined> {
    let reference: PayloadReference | undefined;
    try {
      reference = decodeReference(payload);
    } catch (error) {
      throw new SerdesError({ direction: "deserialize", retryable: false, operation, cause: error, message: (error as Error).message });
    }
    return reference === undefined ? payload : this.get(reference, operation);
  }
}
