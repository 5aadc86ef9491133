// CommonJS TypeScript under nodenext: these imports compile to require() and use the .d.cts types.
import { durableExecution, type DurableContext } from "@durable-ts/sdk";
import { LocalDurableTestRunner } from "@durable-ts/testing";
import { LambdaRuntime } from "@durable-ts/sdk/runtime";

export const handler = durableExecution(async (event: { n: number }, ctx: DurableContext) => {
  const items = await ctx.parallel("both", [async () => event.n, async () => event.n * 2]);
  return items.getResults();
});
export const runner = new LocalDurableTestRunner<{ n: number }, number[]>({ handlerFunction: handler });
export const runtime = (runtimeApi: string): LambdaRuntime => new LambdaRuntime({ runtimeApi, handler });
