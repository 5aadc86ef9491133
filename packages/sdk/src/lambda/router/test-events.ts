/** Sample events and a context for the router's tests. */
import type { LambdaContext } from "../types.js";
import type { EventBridgeEvent, HttpApiEvent, SqsEvent, SqsRecord } from "./events.js";

export const context: LambdaContext = {
  functionName: "fn",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn",
  memoryLimitInMB: "128",
  awsRequestId: "req-1",
  logGroupName: "/aws/lambda/fn",
  logStreamName: "local",
  getRemainingTimeInMillis: () => 10_000,
};

export function httpEvent(method: string, rawPath: string, o: { body?: string; headers?: Record<string, string>; query?: Record<string, string> } = {}): HttpApiEvent {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString: new URLSearchParams(o.query ?? {}).toString(),
    headers: o.headers ?? {},
    queryStringParameters: o.query,
    requestContext: { http: { method, path: rawPath } },
    body: o.body,
    isBase64Encoded: false,
  };
}

export function sqsRecord(id: string, body: unknown, o: { queue?: string; group?: string } = {}): SqsRecord {
  return {
    messageId: id,
    body: typeof body === "string" ? body : JSON.stringify(body),
    attributes: o.group === undefined ? {} : { MessageGroupId: o.group },
    eventSource: "aws:sqs",
    eventSourceARN: `arn:aws:sqs:us-east-1:123456789012:${o.queue ?? "orders"}`,
  };
}

export function sqsEvent(...records: SqsRecord[]): SqsEvent {
  return { Records: records };
}

export function bridgeEvent(source: string, detailType: string, resources: string[] = [], detail: unknown = {}): EventBridgeEvent {
  return { version: "0", id: "e-1", "detail-type": detailType, source, time: "2026-01-01T00:00:00Z", resources, detail };
}

export const scheduledEvent = (rule: string) => bridgeEvent("aws.events", "Scheduled Event", [`arn:aws:events:us-east-1:123456789012:rule/${rule}`]);

export const durableEvent = {
  DurableExecutionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn/durable-execution/x/y",
  CheckpointToken: "t",
  InitialExecutionState: { Operations: [] },
};
