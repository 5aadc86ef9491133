/**
 * A circuit breaker per downstream dependency: callers report outcomes; after `threshold`
 * consecutive failures the circuit opens for `coolDownMs`, then lets one probe through
 * (half-open). One exclusive writer per dependency means concurrent reports never race.
 */
import { actor, handlersFor } from "@durable-ts/actors";

export interface Breaker {
  status: "closed" | "open" | "half-open";
  failures: number;
  openedAt: number;
}
const THRESHOLD = 3;
const COOL_DOWN_MS = 30_000;
const { exclusive, shared } = handlersFor<Breaker>();

export const circuitBreaker = actor({
  name: "circuit-breaker",
  initialState: (): Breaker => ({ status: "closed", failures: 0, openedAt: 0 }),
  handlers: {
    /** May a call go through now? Moves an open circuit to half-open once the cool-down passed. */
    allow: exclusive(async (ctx, r: { now: number }) => {
      if (ctx.state.status === "open" && r.now - ctx.state.openedAt >= COOL_DOWN_MS) {
        ctx.state.status = "half-open";
        await ctx.save();
        return true; // the probe
      }
      return ctx.state.status === "closed";
    }),
    report: exclusive(async (ctx, r: { ok: boolean; now: number }) => {
      if (r.ok) {
        ctx.state = { status: "closed", failures: 0, openedAt: 0 };
      } else {
        ctx.state.failures += 1;
        if (ctx.state.status === "half-open" || ctx.state.failures >= THRESHOLD) {
          ctx.state.status = "open";
          ctx.state.openedAt = r.now;
        }
      }
      await ctx.save();
      return ctx.state.status;
    }),
    status: shared(async (ctx) => ctx.state.status),
  },
});

export const handler = circuitBreaker.lambdaHandler();
