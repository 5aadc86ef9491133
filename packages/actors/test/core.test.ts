import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ActorReadOnlyError,
  ActorRuntime,
  InMemoryActorQueue,
  InMemoryActorStore,
  actor,
  actorClient,
  exclusive,
  shared,
  silentLogger,
  type AnyActor,
  type SqsEvent,
} from "../src/index.js";
import { big, counter } from "./fixtures.js";

const runtime = () => new ActorRuntime({ store: new InMemoryActorStore(), queue: new InMemoryActorQueue(), logger: silentLogger });

describe("typed client", () => {
  it("infers handler payloads and results from the definition", async () => {
    const client = actorClient(counter, { runtime: runtime() });
    const n = await client.call("counter-7", "increment", 5);
    expectTypeOf(n).toEqualTypeOf<number>();
    expect(n).toBe(5);
    expect(await client.call("counter-7", "get")).toBe(5);
    // @ts-expect-error: increment takes a number
    await client.call("counter-7", "increment", "five").catch(() => undefined);
    // @ts-expect-error: no such handler
    await client.call("counter-7", "decrement", 1).catch(() => undefined);
  });

  it("send queues the call and result reads its outcome once delivered", async () => {
    const r = runtime();
    const queue = r.queue as InMemoryActorQueue;
    const client = actorClient(counter, { runtime: r });
    const callId = await client.send("c", "increment", 3);
    expect(await client.result("c", callId)).toEqual({ status: "unknown" });
    const { processSqsBatch } = await import("../src/index.js");
    await queue.drain((event: SqsEvent) => processSqsBatch(r, counter, event));
    expect(await client.result("c", callId)).toEqual({ status: "succeeded", value: 3 });
  });
});

describe("shared handlers", () => {
  it("cannot save: save() throws ActorReadOnlyError and the state stays as committed", async () => {
    const a = actor({
      name: "ro",
      initialState: () => ({ n: 1 }),
      handlers: { sneaky: shared(async (ctx) => ctx.save()), get: shared(async (ctx) => ctx.state.n) },
    });
    const client = actorClient(a, { runtime: runtime() });
    await expect(client.call("x", "sneaky")).rejects.toBeInstanceOf(ActorReadOnlyError);
    await expect(client.call("x", "sneaky")).rejects.toMatchObject({ code: "ACTOR_READ_ONLY" });
  });

  it("see the last committed state, never an exclusive call's draft, while it runs", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const a = actor({
      name: "draft",
      initialState: () => ({ n: 0 }),
      handlers: {
        slow: exclusive(async (ctx) => {
          ctx.state.n = 99;
          await gate;
          await ctx.save();
        }),
        get: shared(async (ctx) => ctx.state.n),
      },
    });
    const client = actorClient(a, { runtime: runtime() });
    const slow = client.call("x", "slow");
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await client.call("x", "get")).toBe(0);
    release();
    await slow;
    expect(await client.call("x", "get")).toBe(99);
  });
});

describe("bad input gets a typed error naming the fault", () => {
  const client = () => actorClient(counter, { runtime: runtime() });
  it("rejects an empty actor id and one over 1,024 characters; accepts 1 and 1,024", async () => {
    await expect(client().call("", "increment", 1)).rejects.toMatchObject({ code: "ACTOR_INVALID_ID", field: "actorId" });
    await expect(client().call("x".repeat(1025), "increment", 1)).rejects.toThrow(/1 to 1024 characters, received a string of 1025 characters/);
    expect(await client().call("x".repeat(1024), "increment", 1)).toBe(1);
    expect(await client().call("é".repeat(1024), "increment", 1)).toBe(1);
  });

  it("rejects an unknown handler, listing the known ones", async () => {
    await expect(client().call("a", "nope" as "get")).rejects.toThrow(/has no handler "nope"; its handlers are "increment", "steps", "get", "snapshot"/);
  });

  it("rejects a state over the item limit before writing anything", async () => {
    const store = new InMemoryActorStore({ maxItemBytes: 2_000 });
    const c = actorClient(big, { runtime: new ActorRuntime({ store, logger: silentLogger }) });
    await c.call("a", "grow", 100);
    await expect(c.call("a", "grow", 5_000)).rejects.toMatchObject({ code: "ACTOR_STATE_TOO_LARGE", name: "ActorStateTooLargeError" });
    const snap = await store.read({ actor: "big", actorId: "a" });
    expect(snap.version).toBe(1);
    expect(JSON.parse(snap.state!).blob).toHaveLength(100);
  });

  it("rejects a state that is not JSON", async () => {
    const bad = actor({
      name: "bad",
      initialState: () => ({ n: 0n as unknown }),
      handlers: { save: exclusive(async (ctx) => ctx.save()) },
    });
    await expect(actorClient(bad, { runtime: runtime() }).call("a", "save")).rejects.toMatchObject({ code: "ACTOR_NOT_SERIALIZABLE", field: "state" });
  });

  it("rejects a call id SQS would refuse", async () => {
    await expect(client().call("a", "increment", 1, { callId: "has space" })).rejects.toMatchObject({ field: "callId" });
    await expect(client().call("a", "increment", 1, { callId: "x".repeat(129) })).rejects.toMatchObject({ field: "callId" });
  });

  it("rejects a malformed definition", () => {
    expect(() => actor({ name: "has space", initialState: () => 0, handlers: { a: shared(() => 1) } })).toThrow(/actor name: expected 1 to 64 characters/);
    expect(() => actor({ name: "x", initialState: () => 0, handlers: { a: (() => 1) as never } })).toThrow(/handlers.a: expected exclusive\(fn\) or shared\(fn\)/);
  });
});

describe("calls between actors", () => {
  it("an exclusive handler calling an exclusive handler of its own actor id fails fast instead of waiting for its own lease", async () => {
    const self = actor({
      name: "self",
      initialState: () => ({ n: 0 }),
      handlers: {
        inner: exclusive(async () => 1),
        outer: exclusive(async (ctx): Promise<number> => ctx.client(self).call(ctx.actorId, "inner") as Promise<number>),
      },
    });
    await expect(actorClient(self, { runtime: runtime() }).call("a", "outer")).rejects.toMatchObject({ code: "ACTOR_REENTRANT_CALL" });
  });

  it("a call chain A → B → A fails fast instead of waiting for the lease it holds", async () => {
    const ping: AnyActor = actor({
      name: "ping",
      initialState: () => ({}),
      handlers: { go: exclusive(async (ctx) => ctx.client(pong).call("p", "back", ctx.actorId)), end: exclusive(async () => "end") },
    });
    const pong: AnyActor = actor({
      name: "pong",
      initialState: () => ({}),
      handlers: { back: exclusive(async (ctx, id: string) => ctx.client(ping).call(id, "end")) },
    });
    await expect(actorClient(ping, { runtime: runtime() }).call("a", "go")).rejects.toMatchObject({ code: "ACTOR_REENTRANT_CALL" });
  });

  it("a call queued in an instance behind a stalled call of the same actor id runs once the lease has lapsed", async () => {
    const stall = actor({
      name: "stall",
      initialState: () => ({ n: 0 }),
      handlers: {
        hang: exclusive(() => new Promise<never>(() => undefined)),
        bump: exclusive(async (ctx) => {
          ctx.state.n++;
          await ctx.save();
          return ctx.state.n;
        }),
      },
    });
    const r = new ActorRuntime({ store: new InMemoryActorStore(), leaseMs: 50, logger: silentLogger });
    void actorClient(stall, { runtime: r }).call("a", "hang");
    expect(await actorClient(stall, { runtime: r }).call("a", "bump")).toBe(1);
  });

  it("sends from an exclusive handler get call ids derived from its own, so a re-run does not send twice", async () => {
    const r = runtime();
    const queue = r.queue as InMemoryActorQueue;
    const fanout = actor({
      name: "fanout",
      initialState: () => ({}),
      handlers: { go: exclusive(async (ctx) => ctx.client(counter).send("target", "increment", 1)) },
    });
    const client = actorClient(fanout, { runtime: r });
    const first = await client.call("a", "go", undefined, { callId: "parent-1" });
    // A second instance re-running the same call (its record lost) derives the same id; the queue drops it.
    const again = await actorClient(fanout, { runtime: new ActorRuntime({ store: new InMemoryActorStore(), queue, logger: silentLogger }) }).call("a", "go", undefined, {
      callId: "parent-1",
    });
    expect(again).toBe(first);
    expect(queue.depth).toBe(1);
  });
});
