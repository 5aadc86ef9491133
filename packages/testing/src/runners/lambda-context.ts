import { randomUUID } from "node:crypto";
import type { LambdaContext } from "@durable-ts/sdk";

/** A Lambda context for one local invocation: `getRemainingTimeInMillis` counts down from the timeout in real time. */
export function createLambdaContext(functionName: string, timeoutMs: number, overrides: Partial<LambdaContext> = {}): LambdaContext {
  const deadline = Date.now() + timeoutMs;
  const requestId = randomUUID();
  return {
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${requestId}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    ...overrides,
  };
}
