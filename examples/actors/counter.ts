/**
 * A counter actor: the shape of the README. `increment` is exclusive (one writer per counter id),
 * `get` is shared (reads the last committed count, concurrently).
 */
import { actor, exclusive, shared } from "@durable-ts/actors";

export const counter = actor({
  name: "counter",
  initialState: () => ({ count: 0, history: [] as number[] }),
  handlers: {
    increment: exclusive(async (ctx, amount: number): Promise<number> => {
      ctx.state.count += amount;
      ctx.state.history = [...ctx.state.history, ctx.state.count].slice(-100);
      await ctx.save();
      return ctx.state.count;
    }),
    get: shared(async (ctx): Promise<number> => ctx.state.count),
  },
});

/** Store and queue from ACTOR_TABLE_NAME / ACTOR_QUEUE_URL; the embedded ones when unset. */
export const handler = counter.lambdaHandler();
