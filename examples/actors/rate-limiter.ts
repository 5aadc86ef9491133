/**
 * A token-bucket rate limiter per key (a user, an API token): `take` spends tokens when the bucket
 * holds enough, refilling by elapsed time. Time is passed in by the caller so every decision is
 * reproducible and the refill does not depend on which instance runs the call.
 */
import { actor, handlersFor } from "@durable-ts/actors";

export interface Bucket {
  tokens: number;
  updatedAt: number;
}
const CAPACITY = 10;
const REFILL_PER_SECOND = 5;
const { exclusive, shared } = handlersFor<Bucket>();

export const rateLimiter = actor({
  name: "rate-limiter",
  initialState: (): Bucket => ({ tokens: CAPACITY, updatedAt: 0 }),
  handlers: {
    take: exclusive(async (ctx, r: { cost?: number; now: number }) => {
      const cost = r.cost ?? 1;
      const elapsed = Math.max(0, r.now - ctx.state.updatedAt) / 1000;
      const tokens = ctx.state.updatedAt === 0 ? ctx.state.tokens : Math.min(CAPACITY, ctx.state.tokens + elapsed * REFILL_PER_SECOND);
      const allowed = tokens >= cost;
      ctx.state.tokens = allowed ? tokens - cost : tokens;
      ctx.state.updatedAt = r.now;
      await ctx.save();
      return { allowed, remaining: Math.floor(ctx.state.tokens) };
    }),
    peek: shared(async (ctx) => ({ tokens: ctx.state.tokens })),
  },
});

export const handler = rateLimiter.lambdaHandler();
