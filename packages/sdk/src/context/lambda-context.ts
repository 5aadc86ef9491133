/** The Lambda invocation context, as in `aws-lambda`'s `Context`. */
export interface LambdaContext {
  callbackWaitsForEmptyEventLoop?: boolean;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  identity?: unknown;
  clientContext?: unknown;
  tenantId?: string;
  getRemainingTimeInMillis(): number;
  done?(error?: Error, result?: unknown): void;
  fail?(error: Error | string): void;
  succeed?(messageOrObject: unknown): void;
}
