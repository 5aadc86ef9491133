import { createActorHarness } from "@durable-ts/actors/testing";
import { describe, expect, it } from "vitest";
import { rateLimiter } from "./rate-limiter.js";

describe("rate limiter actor", () => {
  it("allows exactly the bucket's capacity under concurrent takes at one instant, from several instances", async () => {
    const h = createActorHarness({ actors: [rateLimiter], instances: 3 });
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => h.client(rateLimiter, i % 3).call("user-1", "take", { now: 1_000 })));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it("refills by elapsed time, up to the capacity", async () => {
    const h = createActorHarness({ actors: [rateLimiter] });
    const client = h.client(rateLimiter);
    for (let i = 0; i < 10; i++) await client.call("k", "take", { now: 1_000 });
    expect(await client.call("k", "take", { now: 1_000 })).toEqual({ allowed: false, remaining: 0 });
    expect(await client.call("k", "take", { now: 2_000 })).toEqual({ allowed: true, remaining: 4 }); // 1 s = 5 tokens
    expect(await client.call("k", "take", { now: 60_000, cost: 10 })).toEqual({ allowed: true, remaining: 0 });
  });

  it("keeps keys apart", async () => {
    const h = createActorHarness({ actors: [rateLimiter] });
    const client = h.client(rateLimiter);
    expect((await client.call("a", "take", { now: 1, cost: 10 })).allowed).toBe(true);
    expect((await client.call("b", "take", { now: 1, cost: 10 })).allowed).toBe(true);
  });
});
