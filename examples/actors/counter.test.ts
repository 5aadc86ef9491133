import { actorClient, ActorRuntime, InMemoryActorStore, silentLogger } from "@durable-ts/actors";
import { createActorHarness } from "@durable-ts/actors/testing";
import { describe, expect, expectTypeOf, it } from "vitest";
import { counter } from "./counter.js";

describe("counter actor", () => {
  it("counts every concurrent increment from several instances once", async () => {
    const h = createActorHarness({ actors: [counter], instances: 4 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => h.client(counter, i % 4).call("counter-7", "increment", 1)));
    expect(await h.client(counter).call("counter-7", "get")).toBe(40);
    expect(await h.version(counter, "counter-7")).toBe(40);
    expect((await h.state(counter, "counter-7")).history.slice(-3)).toEqual([38, 39, 40]);
  });

  it("has a typed client: increment takes a number and returns one", async () => {
    const client = actorClient(counter, { runtime: new ActorRuntime({ store: new InMemoryActorStore(), logger: silentLogger }) });
    const n = await client.call("c", "increment", 5);
    expectTypeOf(n).toEqualTypeOf<number>();
    expect(n).toBe(5);
  });

  it("applies queued increments in order, once, across a crash before the acknowledgement", async () => {
    const h = createActorHarness({ actors: [counter], instances: 2 });
    for (const amount of [1, 2, 3]) await h.client(counter).send("c", "increment", amount);
    await h.deliver({ crashBeforeAck: true });
    await h.drain();
    expect((await h.state(counter, "c")).history).toEqual([1, 3, 6]);
    await h.assertCallsOnce(counter, "c");
  });
});
