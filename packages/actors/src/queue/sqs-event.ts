/**
 * The SQS event Lambda hands a function (the `aws:sqs` event source), as plain types so the
 * package needs no `@types/aws-lambda`.
 */

/** One record of an SQS event. */
export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: {
    ApproximateReceiveCount: string;
    SentTimestamp: string;
    SenderId: string;
    ApproximateFirstReceiveTimestamp: string;
    MessageGroupId?: string;
    MessageDeduplicationId?: string;
    SequenceNumber?: string;
  };
  messageAttributes: Record<string, unknown>;
  md5OfBody: string;
  eventSource: "aws:sqs";
  eventSourceARN: string;
  awsRegion: string;
}

/** An SQS event. */
export interface SqsEvent {
  Records: SqsRecord[];
}

/** The partial batch response (`ReportBatchItemFailures`). */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** True when `event` is an SQS event (every record from `aws:sqs`). */
export function isSqsEvent(event: unknown): event is SqsEvent {
  const records = (event as { Records?: unknown } | null)?.Records;
  return Array.isArray(records) && records.length > 0 && records.every((r) => (r as { eventSource?: unknown } | null)?.eventSource === "aws:sqs");
}
