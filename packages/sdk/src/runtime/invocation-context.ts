/** The Lambda context of one invocation, built from the Runtime API headers and the function's environment. */
import type { IncomingHttpHeaders } from "node:http";
import type { LambdaContext } from "../context/lambda-context.js";

/** What Lambda sets in a function's environment (read once, at the entry). */
export interface FunctionEnvironment {
  functionName: string;
  functionVersion: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
}

/** The function's environment from `env` (`AWS_LAMBDA_FUNCTION_NAME`, …), with local defaults. */
export function functionEnvironment(env: Record<string, string | undefined>): FunctionEnvironment {
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME ?? "function";
  return {
    functionName,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? "$LATEST",
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? "128",
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? `/aws/lambda/${functionName}`,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? "local",
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJsonHeader(value: string | undefined): unknown {
  if (value === undefined || value === "") return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * The context handed to the handler. `getRemainingTimeInMillis` counts down to
 * `Lambda-Runtime-Deadline-Ms` (epoch ms) on the wall clock, as on Lambda.
 */
export function createInvocationContext(requestId: string, headers: IncomingHttpHeaders, fn: FunctionEnvironment, now: () => number = Date.now): LambdaContext {
  const deadline = Number(header(headers, "lambda-runtime-deadline-ms"));
  const deadlineMs = Number.isFinite(deadline) && deadline > 0 ? deadline : now() + 900_000;
  const context: LambdaContext = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.functionName,
    functionVersion: fn.functionVersion,
    invokedFunctionArn: header(headers, "lambda-runtime-invoked-function-arn") ?? "",
    memoryLimitInMB: fn.memoryLimitInMB,
    awsRequestId: requestId,
    logGroupName: fn.logGroupName,
    logStreamName: fn.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - now()),
  };
  const identity = parseJsonHeader(header(headers, "lambda-runtime-cognito-identity"));
  if (identity !== undefined) context.identity = identity;
  const clientContext = parseJsonHeader(header(headers, "lambda-runtime-client-context"));
  if (clientContext !== undefined) context.clientContext = clientContext;
  const tenantId = header(headers, "lambda-runtime-aws-tenant-id");
  if (tenantId !== undefined) context.tenantId = tenantId;
  return context;
}

/** The `Lambda-Runtime-Trace-Id` header, if any. */
export function traceIdOf(headers: IncomingHttpHeaders): string | undefined {
  return header(headers, "lambda-runtime-trace-id");
}
