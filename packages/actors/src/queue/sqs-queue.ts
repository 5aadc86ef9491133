/**
 * `SqsActorQueue`: async calls on an SQS FIFO queue. `MessageGroupId` is the actor id (hashed when
 * SQS would refuse it), so calls to one actor are delivered in order; `MessageDeduplicationId` is
 * the call id, so a client retry within SQS's 5-minute window is dropped by the queue.
 */
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { messageGroupId, type ActorQueue, type QueuedCall } from "./queue.js";

/** Options of {@link SqsActorQueue}. */
export interface SqsActorQueueOptions {
  /** The URL of a FIFO queue (its name ends in `.fifo`). */
  queueUrl: string;
  /** A client (default `new SQSClient({})`, configured from the environment). */
  client?: SQSClient;
}

export class SqsActorQueue implements ActorQueue {
  readonly queueUrl: string;
  private readonly client: SQSClient;

  constructor(o: SqsActorQueueOptions) {
    if (typeof o?.queueUrl !== "string" || !/\.fifo$/.test(o.queueUrl)) {
      throw new TypeError(`SqsActorQueue: queueUrl: expected the URL of a FIFO queue (ending in .fifo), received ${JSON.stringify(o?.queueUrl)}`);
    }
    this.queueUrl = o.queueUrl;
    this.client = o.client ?? new SQSClient({});
  }

  async enqueue(call: QueuedCall): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(call),
        MessageGroupId: messageGroupId(call.actorId),
        MessageDeduplicationId: call.callId,
      }),
    );
  }
}
