/** Workflows for `durable-ts explore`: one correct, one that counts outside a step (not replay-safe). */
import { durableExecution } from "@durable-ts/sdk";

const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
let invocations = 0;

export const handler = durableExecution(
  async (_event, ctx) => {
    const a = await ctx.step("a", async () => 1);
    await ctx.wait({ seconds: 5 });
    return a + (await ctx.step("b", async () => 2));
  },
  { logger: quiet as never },
);

export const counting = durableExecution(
  async (_event, ctx) => {
    invocations++; // outside a step: every invocation of the process counts again
    await ctx.wait({ seconds: 5 });
    return invocations;
  },
  { logger: quiet as never },
);
