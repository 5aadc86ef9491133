/** Waits for a callback a test completes from the CLI; the callback id is returned by the first step. */
import { durableExecution } from "@durable-ts/sdk";

const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

export const handler = durableExecution(
  async (_event: unknown, ctx) => {
    const [result, callbackId] = await ctx.createCallback<string>("approval");
    await ctx.step("announce", async () => callbackId);
    return { approval: await result };
  },
  { logger: quiet as never },
);
