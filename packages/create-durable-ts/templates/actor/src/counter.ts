import { actor, handlersFor } from "@durable-ts/actors";

export interface CounterState {
  count: number;
  /** The last counts, newest last: shows the order increments were applied in. */
  history: number[];
}

const { exclusive, shared } = handlersFor<CounterState>();

/**
 * A counter per id. `increment` is exclusive: calls to one counter id never overlap, whichever
 * Lambda instance runs them, and each call id takes effect once. `get` is shared: it reads the
 * last committed count without waiting for a running increment.
 */
export const counter = actor({
  name: "counter",
  initialState: (): CounterState => ({ count: 0, history: [] }),
  handlers: {
    increment: exclusive(async (ctx, amount: number): Promise<number> => {
      if (!Number.isFinite(amount)) throw new TypeError(`increment: expected a finite number, received ${JSON.stringify(amount)}`);
      ctx.state.count += amount;
      ctx.state.history = [...ctx.state.history, ctx.state.count].slice(-20);
      // The new state is written with the call's result when the handler returns.
      await ctx.save();
      return ctx.state.count;
    }),
    get: shared(async (ctx): Promise<number> => ctx.state.count),
  },
});

/**
 * The Lambda entry: direct invokes (`{ actorId, handler, payload, sync: true }`) and SQS batches of
 * queued calls. The store and queue come from ACTOR_TABLE_NAME / ACTOR_QUEUE_URL (set by the CDK
 * stack); without them, an in-memory store and queue (for `npm run dev`).
 */
export const handler = counter.lambdaHandler();
