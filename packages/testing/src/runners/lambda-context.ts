import type { LambdaContext } from "@durable-ts/sdk";
import { localLambdaContext } from "../invoker/index.js";

/**
 * A Lambda context for one local invocation: `getRemainingTimeInMillis` counts down from the
 * timeout in real time; `overrides` replace any field. The invoker's builder, with the SDK's type.
 */
export function createLambdaContext(functionName: string, timeoutMs: number, overrides: Partial<LambdaContext> = {}): LambdaContext {
  return localLambdaContext(functionName, timeoutMs, overrides);
}
