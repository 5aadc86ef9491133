import type { LambdaContext } from "@durable-ts/sdk";
import { localLambdaContext } from "../backend/lambda-context.js";

/** A Lambda context for one local invocation: `getRemainingTimeInMillis` counts down from the timeout in real time. */
export function createLambdaContext(functionName: string, timeoutMs: number, overrides: Partial<LambdaContext> = {}): LambdaContext {
  return { ...localLambdaContext(functionName, timeoutMs), ...overrides };
}
