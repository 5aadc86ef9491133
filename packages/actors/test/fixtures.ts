/** Actors and helpers shared by the store suites. */
import { actor, handlersFor, isActorError, type ActorClient, type AnyActor } from "../src/index.js";

interface CounterState {
  count: number;
  history: number[];
}
const { exclusive, shared } = handlersFor<CounterState>();

export const counter = actor({
  name: "counter",
  initialState: (): CounterState => ({ count: 0, history: [] }),
  handlers: {
    increment: exclusive(async (ctx, amount: number) => {
      ctx.state.count += amount;
      ctx.state.history = [...ctx.state.history, amount].slice(-1000);
      await ctx.save();
      return ctx.state.count;
    }),
    /** Saves `steps` increments of one, then throws when `failAfter` saves were made. */
    steps: exclusive(async (ctx, p: { steps: number; failAfter?: number; tail?: number }) => {
      for (let i = 0; i < p.steps; i++) {
        ctx.state.count += 1;
        await ctx.save();
        if (p.failAfter === i + 1) {
          ctx.state.count += p.tail ?? 1000; // a change after the last save: must not be committed
          throw Object.assign(new Error(`failed after ${i + 1} saves`), { name: "StepFailed", data: { saves: i + 1 } });
        }
      }
      return ctx.state.count;
    }),
    get: shared(async (ctx) => ctx.state.count),
    snapshot: shared(async (ctx) => ({ count: ctx.state.count, history: ctx.state.history, version: ctx.version })),
  },
});

/** An actor whose state is a string of the size asked for: the item-limit tests. */
export const big = actor({
  name: "big",
  initialState: () => ({ blob: "" }),
  handlers: {
    grow: handlersFor<{ blob: string }>().exclusive(async (ctx, size: number) => {
      ctx.state.blob = "x".repeat(size);
      await ctx.save();
    }),
  },
});

/** Retries a call on transient faults (busy, conflict) with the same call id, like a client retry. */
export async function callWithRetry<A extends AnyActor>(client: ActorClient<A>, run: (c: ActorClient<A>) => Promise<unknown>, attempts = 50): Promise<unknown> {
  for (let i = 1; ; i++) {
    try {
      return await run(client);
    } catch (error) {
      if (i >= attempts || !isActorError(error) || (error.code !== "ACTOR_BUSY" && error.code !== "ACTOR_CONFLICT")) throw error;
    }
  }
}
