import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actor, handlersFor } from "../index.js";
import { createActorHarness } from "./index.js";

const { exclusive, shared } = handlersFor<{ count: number; applied: string[] }>();
const counter = actor({
  name: "counter",
  initialState: () => ({ count: 0, applied: [] as string[] }),
  handlers: {
    increment: exclusive(async (ctx, amount: number) => {
      ctx.state.count += amount;
      ctx.state.applied.push(ctx.callId);
      await ctx.save();
      return ctx.state.count;
    }),
    hang: exclusive(() => new Promise<never>(() => undefined)),
    get: shared((ctx) => ctx.state.count),
  },
});

describe("actor harness", () => {
  it("a crash between the commit and the queue's acknowledgement redelivers the batch, and no call takes effect twice", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ actorId: fc.constantFrom("a", "b"), amount: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: 15 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }),
        async (sends, crashes) => {
          const h = createActorHarness({ actors: [counter], instances: 3 });
          for (const [i, s] of sends.entries()) await h.client(counter, i % 3).send(s.actorId, "increment", s.amount);
          for (const crash of crashes) await h.deliver({ crashBeforeAck: crash, max: 4 });
          await h.drain();
          for (const actorId of ["a", "b"]) {
            const mine = sends.filter((s) => s.actorId === actorId);
            expect(await h.version(counter, actorId)).toBe(mine.length);
            const state = await h.state(counter, actorId);
            expect(state.count).toBe(mine.reduce((sum, s) => sum + s.amount, 0));
            expect(new Set(state.applied).size).toBe(mine.length);
            await h.assertCallsOnce(counter, actorId);
          }
          expect(h.queue.deadLetters).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("an instance that stalls holding the lease blocks the actor only until the lease lapses", async () => {
    const h = createActorHarness({ actors: [counter], instances: 2, leaseMs: 5_000 });
    void h.client(counter, 0).call("a", "hang");
    await new Promise((resolve) => setImmediate(resolve));
    expect(await h.client(counter, 1).call("a", "increment", 1)).toBe(1);
    // The lock wait advanced the manual clock past the lease (advanceOnSleep).
    expect(h.clock.now()).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 1) + 5_000);
    expect(await h.version(counter, "a")).toBe(1);
  });

  it("reads the call window: each call id once, with the version it committed", async () => {
    const h = createActorHarness({ actors: [counter] });
    await h.client(counter).call("a", "increment", 1, { callId: "one" });
    await h.client(counter, 1).call("a", "increment", 1, { callId: "two" });
    await h.client(counter, 1).call("a", "increment", 1, { callId: "one" });
    expect((await h.calls(counter, "a")).map((c) => [c.callId, c.version])).toEqual([
      ["one", 1],
      ["two", 2],
    ]);
  });
});
