// A Lambda handler as a user deploys it: bundled with esbuild (the AWS SDK included) for Node 22.
import { durableExecution } from "@durable-ts/sdk";

export const handler = durableExecution(async (event: { items: number[] }, ctx) => {
  const doubled = await ctx.map("double", event.items, async (c, item: number) => c.step(async () => item * 2));
  await ctx.wait("pause", { seconds: 1 });
  const both = await ctx.parallel("both", [async () => "left", async () => "right"]);
  return { doubled: doubled.getResults(), both: both.getResults() };
});
