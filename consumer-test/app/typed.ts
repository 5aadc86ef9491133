// Type-checked under moduleResolution nodenext (ESM) and bundler; typed-cjs.cts is the CommonJS side.
import { durableExecution, type DurableContext } from "@durable-ts/sdk";
import { LocalDurableTestRunner, type TestResult } from "@durable-ts/testing";
import { LambdaRuntime } from "@durable-ts/sdk/runtime";

interface Order {
  id: string;
  qty: number;
}
interface Out {
  reserved: string;
  sum: number;
}

export const handler = durableExecution(async (event: Order, ctx: DurableContext): Promise<Out> => {
  const reserved: string = await ctx.step("reserve", async () => `${event.id}:${event.qty}`);
  await ctx.wait("cool-off", { minutes: 5 });
  const totals = await ctx.map("lines", [1, 2, 3], async (_c, n: number) => n * event.qty);
  const sum: number = totals.getResults().reduce((a, b) => a + b, 0);
  return { reserved, sum };
});

export async function check(): Promise<TestResult<Out>> {
  const runner = new LocalDurableTestRunner<Order, Out>({ handlerFunction: handler });
  const result = await runner.run({ payload: { id: "o-1", qty: 2 } });
  // @ts-expect-error the result type flows through: sum is a number
  const wrong: string | undefined = result.getResult()?.sum;
  void wrong;
  return result;
}

export const runtime = (runtimeApi: string): LambdaRuntime => new LambdaRuntime({ runtimeApi, handler });
