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
  /** The invocation's X-Ray trace header (`Lambda-Runtime-Trace-Id`), set by our runtime loop. */
  xRayTraceId?: string;
  /**
   * Present when our runtime loop runs the handler with metrics on: a handler reports the phases it
   * knows (validation, its own figures) here, and the loop writes one `invocation.metrics` line.
   */
  invocationMetrics?: InvocationMetricsSink;
  getRemainingTimeInMillis(): number;
  done?(error?: Error, result?: unknown): void;
  fail?(error: Error | string): void;
  succeed?(messageOrObject: unknown): void;
}

/** Where a handler reports its share of the runtime loop's `invocation.metrics` line. */
export interface InvocationMetricsSink {
  /** Time spent validating the event. */
  validateMs?: number;
  /** Time of the handler proper (without validation and cold-start hooks). */
  handlerMs?: number;
  /** Time of `onColdStart` on the first invocation. */
  initMs?: number;
  /** Adds fields to the line (a durable handler's own figures). */
  report(fields: object): void;
  /** No line for this invocation (the handler's metrics are switched off). */
  silence(): void;
}
