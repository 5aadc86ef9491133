import { actor, handlersFor } from "@durable-ts/actors";

/** A token bucket. */
export interface Bucket {
  tokens: number;
  /** When the bucket was last refilled (epoch milliseconds; 0 before the first call). */
  updatedAt: number;
}

export const CAPACITY = 10;
export const REFILL_PER_SECOND = 5;

export interface TakeRequest {
  /** Tokens this request costs. Default 1. */
  cost?: number;
  /** The request's time in epoch milliseconds. Default: the instance's clock. Pass it to make decisions reproducible. */
  now?: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
}

const { exclusive, shared } = handlersFor<Bucket>();

/**
 * A rate limiter per key (a user, an API token): `take` spends tokens when the bucket holds enough,
 * refilling by the time elapsed since the last call. One writer per key means two concurrent
 * requests can never both spend the last token.
 */
export const rateLimiter = actor({
  name: "rate-limiter",
  initialState: (): Bucket => ({ tokens: CAPACITY, updatedAt: 0 }),
  handlers: {
    take: exclusive(async (ctx, request: TakeRequest = {}): Promise<TakeResult> => {
      const cost = request.cost ?? 1;
      if (!Number.isInteger(cost) || cost < 1 || cost > CAPACITY) throw new RangeError(`take: cost must be a whole number from 1 to ${CAPACITY}, received ${JSON.stringify(request.cost)}`);
      const now = request.now ?? Date.now();
      const elapsedSeconds = Math.max(0, now - ctx.state.updatedAt) / 1000;
      const tokens = ctx.state.updatedAt === 0 ? ctx.state.tokens : Math.min(CAPACITY, ctx.state.tokens + elapsedSeconds * REFILL_PER_SECOND);
      const allowed = tokens >= cost;
      ctx.state.tokens = allowed ? tokens - cost : tokens;
      ctx.state.updatedAt = Math.max(now, ctx.state.updatedAt);
      await ctx.save();
      return { allowed, remaining: Math.floor(ctx.state.tokens) };
    }),
    peek: shared(async (ctx): Promise<Bucket> => ({ ...ctx.state })),
  },
});

export const handler = rateLimiter.lambdaHandler();
