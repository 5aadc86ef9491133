/** Workflows for `durable-ts run`: a long wait (skipped), a waitForCallback answered by `--callback`. */
import { durableExecution } from "@durable-ts/sdk";

const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

export const handler = durableExecution(
  async (event: { item: string }, ctx) => {
    const reserved = await ctx.step("reserve", async () => `${event.item}-reserved`);
    await ctx.wait("overnight", { hours: 12 });
    const approval = await ctx.waitForCallback<string>("approval", async () => undefined);
    return { reserved, approval: JSON.parse(approval) };
  },
  { logger: quiet as never },
);

export const failing = durableExecution(
  async (_event, ctx) => {
    await ctx.step(
      "doomed",
      async () => {
        throw new RangeError("out of stock");
      },
      { retryStrategy: () => ({ shouldRetry: false }) },
    );
  },
  { logger: quiet as never },
);

export const notAHandler = { hello: "world" };
