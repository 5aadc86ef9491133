import { randomUUID } from "node:crypto";
import { realNow } from "../clock/real-time.js";

/** The Lambda context a local invocation gets (structurally `aws-lambda`'s `Context`). */
export interface LocalLambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
  [key: string]: unknown;
}

/** A Lambda context for one local invocation: `getRemainingTimeInMillis` counts down from the timeout in real time. */
export function localLambdaContext(functionName: string, timeoutMs: number, overrides: Partial<LocalLambdaContext> = {}): LocalLambdaContext {
  const deadline = realNow() + timeoutMs;
  const requestId = overrides.awsRequestId ?? randomUUID();
  return {
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${requestId}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - realNow()),
    ...overrides,
  };
}
