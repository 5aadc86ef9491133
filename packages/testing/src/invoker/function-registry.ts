/** Functions known to the local service, by name. */
import type { LocalLambdaContext } from "./lambda-context.js";

/**
 * Any Lambda handler: durable ones answer `{Status, Result?, Error?}`, plain ones return their
 * result. Declared as a method so that a handler of a narrower event type (a durable handler's
 * invocation input) still registers: method parameters are compared both ways.
 */
export type LambdaHandler = {
  handle(event: unknown, context: LocalLambdaContext): Promise<unknown>;
}["handle"];

/** What the service runs under a function name. */
export type RegisteredFunction = { kind: "durable"; handler: LambdaHandler } | { kind: "plain"; handler: LambdaHandler };

/**
 * Functions known to the in-memory service, by name. A chained invoke may name a function by
 * plain name, partial or full ARN, with or without a qualifier: all resolve to the bare name.
 */
export class FunctionRegistry {
  private readonly functions = new Map<string, RegisteredFunction>();

  register(name: string, fn: RegisteredFunction): void {
    this.functions.set(functionNameOf(name), fn);
  }

  resolve(functionName: string): RegisteredFunction | undefined {
    return this.functions.get(functionNameOf(functionName));
  }
}

/** `arn:aws:lambda:us-east-1:123:function:orders:live` → `orders`; `orders:live` → `orders`. */
export function functionNameOf(identifier: string): string {
  const parts = identifier.split(":");
  const index = parts.indexOf("function");
  return index >= 0 ? (parts[index + 1] ?? identifier) : (parts[0] ?? identifier);
}
