/**
 * The embedded queue: SQS FIFO semantics in memory. Messages of one group (actor id) are handed
 * out in send order and a group with a message in flight is held back; a call id sent twice within
 * the de-duplication window is dropped; a message received `maxReceiveCount` times without an
 * acknowledgement moves to the dead-letter list. `deliver` plays Lambda's event source mapping.
 */
import { createHash, randomUUID } from "node:crypto";
import { systemClock, type Clock } from "../time/clock.js";
import { messageGroupId, type ActorQueue, type QueuedCall } from "./queue.js";
import type { SqsBatchResponse, SqsEvent, SqsRecord } from "./sqs-event.js";

/** Options of {@link InMemoryActorQueue}. */
export interface InMemoryActorQueueOptions {
  clock?: Clock;
  /** How long a received message stays invisible without an acknowledgement (default 30 s, as SQS). */
  visibilityTimeoutMs?: number;
  /** Receives before a message goes to the dead-letter list (the redrive policy; default 3). */
  maxReceiveCount?: number;
  /** De-duplication window for call ids (default 5 minutes, as SQS FIFO). */
  dedupeWindowMs?: number;
}

interface Message {
  record: Omit<SqsRecord, "receiptHandle" | "attributes"> & { attributes: Omit<SqsRecord["attributes"], "ApproximateReceiveCount" | "ApproximateFirstReceiveTimestamp"> };
  groupId: string;
  receiveCount: number;
  firstReceivedAt?: number;
  /** Set while in flight: when the message becomes visible again. */
  invisibleUntil?: number;
  receiptHandle?: string;
}

const ARN = "arn:aws:sqs:us-east-1:123456789012:actors.fifo";

/** An in-memory FIFO queue with SQS semantics. */
export class InMemoryActorQueue implements ActorQueue {
  private readonly clock: Clock;
  private readonly visibilityTimeoutMs: number;
  private readonly maxReceiveCount: number;
  private readonly dedupeWindowMs: number;
  private messages: Message[] = [];
  private readonly seen = new Map<string, number>();
  private sequence = 0;
  /** Messages that exhausted their receives, oldest first, as they were last received. */
  readonly deadLetters: SqsRecord[] = [];

  constructor(o: InMemoryActorQueueOptions = {}) {
    this.clock = o.clock ?? systemClock;
    this.visibilityTimeoutMs = o.visibilityTimeoutMs ?? 30_000;
    this.maxReceiveCount = o.maxReceiveCount ?? 3;
    this.dedupeWindowMs = o.dedupeWindowMs ?? 300_000;
  }

  async enqueue(call: QueuedCall): Promise<void> {
    await Promise.resolve();
    const now = this.clock.now();
    const seenAt = this.seen.get(call.callId);
    if (seenAt !== undefined && now - seenAt < this.dedupeWindowMs) return; // SQS answers OK and drops it
    this.seen.set(call.callId, now);
    const body = JSON.stringify(call);
    const groupId = messageGroupId(call.actorId);
    this.messages.push({
      groupId,
      receiveCount: 0,
      record: {
        messageId: randomUUID(),
        body,
        attributes: {
          SentTimestamp: String(now),
          SenderId: "AIDAEMBEDDED",
          MessageGroupId: groupId,
          MessageDeduplicationId: call.callId,
          SequenceNumber: String(++this.sequence).padStart(20, "0"),
        },
        messageAttributes: {},
        md5OfBody: createHash("md5").update(body).digest("hex"),
        eventSource: "aws:sqs",
        eventSourceARN: ARN,
        awsRegion: "us-east-1",
      },
    });
  }

  /** Messages not yet deleted (visible or in flight). */
  get depth(): number {
    return this.messages.length;
  }

  /**
   * Receives up to `max` messages as SQS would hand them to Lambda: in order, each group's
   * messages consecutive, no group that has a message in flight.
   */
  receive(max = 10): SqsRecord[] {
    const now = this.clock.now();
    const blocked = new Set<string>();
    const out: SqsRecord[] = [];
    for (const m of [...this.messages]) {
      if (out.length >= max) break;
      if (m.invisibleUntil !== undefined && m.invisibleUntil > now) {
        blocked.add(m.groupId);
        continue;
      }
      if (blocked.has(m.groupId)) continue;
      if (m.receiveCount >= this.maxReceiveCount) {
        this.messages = this.messages.filter((x) => x !== m);
        this.deadLetters.push(this.toRecord(m));
        continue;
      }
      m.receiveCount += 1;
      m.firstReceivedAt ??= now;
      m.invisibleUntil = now + this.visibilityTimeoutMs;
      m.receiptHandle = randomUUID();
      out.push(this.toRecord(m));
    }
    return out;
  }

  /** Deletes a received message. */
  ack(receiptHandle: string): void {
    this.messages = this.messages.filter((m) => m.receiptHandle !== receiptHandle || m.invisibleUntil === undefined);
  }

  /** Makes a received message visible again now (a failed record of a partial batch response). */
  retry(receiptHandle: string): void {
    for (const m of this.messages) if (m.receiptHandle === receiptHandle) m.invisibleUntil = undefined;
  }

  /**
   * One poll of the event source mapping: receives a batch, runs `handler`, deletes the records it
   * did not report as failed and makes the failed ones visible again. A handler that throws fails
   * the whole batch. `crashBeforeAck` simulates an instance dying after its commits but before the
   * acknowledgement: nothing is deleted and the batch comes back after the visibility timeout.
   * Returns the number of records handed to `handler`.
   */
  async deliver(handler: (event: SqsEvent) => Promise<SqsBatchResponse>, o: { max?: number; crashBeforeAck?: boolean } = {}): Promise<number> {
    const records = this.receive(o.max ?? 10);
    if (records.length === 0) return 0;
    let failed: Set<string>;
    try {
      const response = await handler({ Records: records });
      failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    } catch {
      failed = new Set(records.map((r) => r.messageId));
    }
    if (o.crashBeforeAck === true) return records.length;
    for (const r of records) {
      if (failed.has(r.messageId)) this.retry(r.receiptHandle);
      else this.ack(r.receiptHandle);
    }
    return records.length;
  }

  /** Delivers batches until no message is visible. Returns the number of batches. */
  async drain(handler: (event: SqsEvent) => Promise<SqsBatchResponse>, o: { max?: number; maxBatches?: number } = {}): Promise<number> {
    let batches = 0;
    while (batches < (o.maxBatches ?? 10_000) && (await this.deliver(handler, { max: o.max })) > 0) batches++;
    return batches;
  }

  private toRecord(m: Message): SqsRecord {
    return {
      ...m.record,
      receiptHandle: m.receiptHandle ?? "",
      attributes: { ...m.record.attributes, ApproximateReceiveCount: String(m.receiveCount), ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? 0) },
    };
  }
}
