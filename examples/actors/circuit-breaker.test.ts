import { createActorHarness } from "@durable-ts/actors/testing";
import { describe, expect, it } from "vitest";
import { circuitBreaker } from "./circuit-breaker.js";

describe("circuit breaker actor", () => {
  it("opens after three consecutive failures, probes after the cool-down, closes on a good probe", async () => {
    const h = createActorHarness({ actors: [circuitBreaker], instances: 2 });
    const a = h.client(circuitBreaker, 0);
    const b = h.client(circuitBreaker, 1);
    expect(await a.call("payments-api", "allow", { now: 0 })).toBe(true);
    await Promise.all([
      a.call("payments-api", "report", { ok: false, now: 1 }),
      b.call("payments-api", "report", { ok: false, now: 1 }),
      a.call("payments-api", "report", { ok: false, now: 1 }),
    ]);
    expect(await b.call("payments-api", "status")).toBe("open");
    expect(await a.call("payments-api", "allow", { now: 10_000 })).toBe(false);
    expect(await b.call("payments-api", "allow", { now: 30_001 })).toBe(true); // the probe
    expect(await a.call("payments-api", "allow", { now: 30_002 })).toBe(false); // only one probe
    expect(await a.call("payments-api", "report", { ok: true, now: 30_003 })).toBe("closed");
  });

  it("reopens when the probe fails", async () => {
    const h = createActorHarness({ actors: [circuitBreaker] });
    const c = h.client(circuitBreaker);
    for (let i = 0; i < 3; i++) await c.call("db", "report", { ok: false, now: 0 });
    expect(await c.call("db", "allow", { now: 30_000 })).toBe(true);
    expect(await c.call("db", "report", { ok: false, now: 30_001 })).toBe("open");
    expect(await c.call("db", "allow", { now: 40_000 })).toBe(false);
  });
});
