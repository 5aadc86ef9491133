/**
 * The event shapes the router recognises, reduced to the fields it reads (a full event type such
 * as `aws-lambda`'s is assignable to these). Detection is by shape, in one place: {@link eventKindOf}.
 */

/** API Gateway HTTP API (payload format 2.0) and Lambda Function URL event. */
export interface HttpApiEvent {
  version: "2.0";
  routeKey?: string;
  rawPath: string;
  rawQueryString?: string;
  cookies?: string[];
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  pathParameters?: Record<string, string | undefined>;
  requestContext: { http: { method: string; path?: string; sourceIp?: string; userAgent?: string }; requestId?: string; [key: string]: unknown };
  body?: string;
  isBase64Encoded?: boolean;
}

/** The answer an HTTP API or Function URL takes (payload format 2.0). */
export interface HttpApiResponse {
  statusCode: number;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

/** One SQS message of a batch. */
export interface SqsRecord {
  messageId: string;
  receiptHandle?: string;
  body: string;
  attributes: { MessageGroupId?: string; ApproximateReceiveCount?: string; [key: string]: string | undefined };
  messageAttributes?: Record<string, unknown>;
  eventSource: "aws:sqs";
  eventSourceARN: string;
  awsRegion?: string;
}

/** An SQS batch. */
export interface SqsEvent {
  Records: SqsRecord[];
}

/** The partial batch answer (`ReportBatchItemFailures`). */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** An EventBridge event (also what a schedule rule delivers, with `detail-type: "Scheduled Event"`). */
export interface EventBridgeEvent<D = unknown> {
  version?: string;
  id: string;
  "detail-type": string;
  source: string;
  account?: string;
  time: string;
  region?: string;
  resources: string[];
  detail: D;
}

/** A durable execution invocation (what `durableExecution` handlers take). */
export interface DurableInvocationEvent {
  DurableExecutionArn: string;
  CheckpointToken: string;
  InitialExecutionState?: unknown;
}

/** Kinds the router tells apart by shape; `direct` is everything else. */
export type EventKind = "durable" | "httpApi" | "sqs" | "eventBridge" | "direct";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shape probing: eventKindOf reads nested fields of an untyped event, each checked with typeof
function isObject(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The kind of an event, from its shape alone. */
export function eventKindOf(event: unknown): EventKind {
  if (!isObject(event)) return "direct";
  if (typeof event.DurableExecutionArn === "string" && typeof event.CheckpointToken === "string") return "durable";
  if (event.version === "2.0" && typeof event.rawPath === "string" && typeof event.requestContext?.http?.method === "string") return "httpApi";
  if (Array.isArray(event.Records) && event.Records.length > 0 && event.Records.every((r: unknown) => isObject(r) && r.eventSource === "aws:sqs")) return "sqs";
  if (typeof event["detail-type"] === "string" && typeof event.source === "string" && "detail" in event) return "eventBridge";
  return "direct";
}
