/**
 * A workflow using every operation type, run as its own process by the e2e test. Its SDK talks to
 * the local server only through `new LambdaClient({ endpoint })`; the callbacks are completed
 * through the same client (a step for createCallback, the submitter for waitForCallback).
 */
import { LambdaClient, SendDurableExecutionCallbackSuccessCommand } from "@aws-sdk/client-lambda";
import { durableExecution } from "@durable-ts/sdk";

const client = new LambdaClient({ endpoint: process.env.AWS_ENDPOINT_URL_LAMBDA });
const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

async function complete(callbackId: string, result: string): Promise<void> {
  await client.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: callbackId, Result: Buffer.from(result, "utf8") }));
}

export const handler = durableExecution(
  async (event: { n: number }, ctx) => {
    const doubled = await ctx.step("double", async () => event.n * 2);
    await ctx.wait("pause", { seconds: 2 });
    const child = await ctx.runInChildContext("child", async (c) => c.step("inner", async () => doubled + 1));
    const [approval, callbackId] = await ctx.createCallback("approval");
    await ctx.step("approve", async () => complete(callbackId, "yes"));
    const approved = await approval;
    const answer = await ctx.waitForCallback("ping", async (id) => complete(id, "pong"));
    const polled = await ctx.waitForCondition("poll", async (state: number) => state + 1, {
      initialState: 0,
      waitStrategy: (state) => (state >= 2 ? { shouldContinue: false } : { shouldContinue: true, delay: { seconds: 1 } }),
    });
    const invoked = await ctx.invoke<{ x: number }, number>("call-helper", "helper", { x: doubled });
    const squares = await ctx.map("squares", [1, 2, 3], async (c, item: number) => c.step(async () => item * item));
    const sides = await ctx.parallel("sides", [async (c) => c.step("left", async () => "L"), async (c) => c.step("right", async () => "R")]);
    return { doubled, child, approved, answer, polled, invoked, squares: squares.getResults(), sides: sides.getResults(), pid: process.pid };
  },
  { client, logger: quiet as never },
);

/** Throws on every invocation (the server retries, then fails the execution). */
export const broken = durableExecution(
  async () => {
    throw new Error("broken on purpose");
  },
  { client, logger: quiet as never },
);

export const notAFunction = 42;
