// docs/operations/parallel.md: load the sections of a dashboard concurrently with context.parallel,
// then take the first price quote that arrives (early completion).
import { durableExecution } from "@durable-ts/sdk";

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

export const handler = durableExecution(
  async (event: { userId: string }, context) => {
    // Each branch runs in its own child context; use the branch's context inside it.
    const sections = await context.parallel<string[]>("load-dashboard", [
      { name: "profile", func: async (branch) => branch.step("get-profile", async () => [`user ${event.userId}`]) },
      { name: "orders", func: async (branch) => branch.step("get-orders", async () => ["order-1", "order-2"]) },
      // An unnamed branch is called parallel-branch-<index>. Its wait suspends the invocation.
      async (branch) => {
        await branch.wait("cache-warm-up", { seconds: 30 });
        return branch.step("get-recommendations", async () => ["green tea"]);
      },
    ]);
    sections.throwIfError();
    const [profile, orders, recommendations] = sections.getResults();

    // The first quote wins: the slow source is still running when the batch completes.
    const quotes = await context.parallel<number>(
      "get-quote",
      [
        { name: "cached", func: async (branch) => branch.step("read-cache", async () => 9.99) },
        {
          name: "live",
          func: async (branch) => {
            await branch.wait("market-open", { minutes: 10 });
            return branch.step("read-live", async () => 10.49);
          },
        },
      ],
      { completionConfig: { minSuccessful: 1 } },
    );

    return {
      profile,
      orders,
      recommendations,
      quote: quotes.getResults()[0],
      quoteSources: quotes.all.map((item) => `${item.name}:${item.status}`),
      quoteReason: quotes.completionReason,
    };
  },
  { logger: silentLogger },
);
