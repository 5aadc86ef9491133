/**
 * The queue of async calls. Per-actor FIFO and de-duplication by call id are the queue's job
 * (SQS FIFO: `MessageGroupId` = actor id, `MessageDeduplicationId` = call id).
 */
import { createHash } from "node:crypto";

/** One async call as it travels through the queue (the message body, versioned). */
export interface QueuedCall {
  /** Body format version. */
  v: 1;
  actor: string;
  actorId: string;
  handler: string;
  payload: unknown;
  callId: string;
}

/** Where `send` puts async calls. */
export interface ActorQueue {
  enqueue(call: QueuedCall): Promise<void>;
}

const GROUP_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * The `MessageGroupId` of an actor id: the id itself when SQS accepts it (1–128 printable ASCII
 * characters), else `sha256:` and its hash, since actor ids may be up to 1,024 characters of anything.
 */
export function messageGroupId(actorId: string): string {
  return GROUP_ID.test(actorId) ? actorId : `sha256:${createHash("sha256").update(actorId).digest("hex")}`;
}
