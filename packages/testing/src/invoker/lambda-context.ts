/**
 * The one builder of the Lambda context a local invocation gets: the runner's, the local
 * server's, offline replay's and the actors host's contexts all come from here (the public
 * `createLambdaContext` is this builder with the SDK's `LambdaContext` type).
 */
import { randomUUID } from "node:crypto";
import { functionArn } from "../backend/index.js";
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

/**
 * A Lambda context for one local invocation: `getRemainingTimeInMillis` counts down from
 * `timeoutMs` in real time; `overrides` replace any field (an `awsRequestId` also names the log stream).
 */
export function localLambdaContext(functionName: string, timeoutMs: number, overrides: Partial<LocalLambdaContext> = {}): LocalLambdaContext {
  const deadline = realNow() + timeoutMs;
  const requestId = overrides.awsRequestId ?? randomUUID();
  return {
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: functionArn(functionName),
    memoryLimitInMB: "1024",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${requestId}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - realNow()),
    ...overrides,
  };
}
