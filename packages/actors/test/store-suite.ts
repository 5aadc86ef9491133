/**
 * The guarantees, as property tests run against any store: the in-memory one and DynamoDB (dynalite).
 * Each run uses fresh actor ids, so one store serves the whole suite.
 */
import fc from "fast-check";
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { ActorConflictError, ActorRuntime, InMemoryActorQueue, actorClient, processSqsBatch, silentLogger, type ActorStore, type Clock } from "../src/index.js";
import { callWithRetry, counter } from "./fixtures.js";

export interface SuiteOptions {
  store: () => ActorStore;
  /** fast-check runs per property. */
  numRuns: number;
}

/** Instance `i` of a list built by runtimes(): asking past its end is a mistake in the test. */
function nth(list: readonly ActorRuntime[], i: number): ActorRuntime {
  const runtime = list[i];
  if (runtime === undefined) throw new RangeError(`no instance ${i}: the test built ${list.length}`);
  return runtime;
}

function runtimes(store: ActorStore, n: number, extra: Partial<ConstructorParameters<typeof ActorRuntime>[0]> = {}): ActorRuntime[] {
  return Array.from({ length: n }, (_, i) => new ActorRuntime({ store, instanceId: `instance-${i}`, logger: silentLogger, lockWaitMs: 60_000, ...extra }));
}

/** A clock that moves only when told; sleeping yields to other tasks. */
class StepClock implements Clock {
  t = 1_000_000;
  now = () => this.t;
  sleep = () => new Promise<void>((resolve) => setTimeout(resolve, 1));
}

export function storeGuarantees(o: SuiteOptions): void {
  it("no lost update: N concurrent increments from M instances end with count N and version N", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ instance: fc.nat(3), actor: fc.nat(2), amount: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 30 }),
        async (calls) => {
          const store = o.store();
          const instances = runtimes(store, 4);
          const run = randomUUID();
          await Promise.all(
            calls.map((c) =>
              callWithRetry(actorClient(counter, { runtime: nth(instances, c.instance) }), (client) => client.call(`${run}-${c.actor}`, "increment", c.amount)),
            ),
          );
          for (let a = 0; a < 3; a++) {
            const mine = calls.filter((c) => c.actor === a);
            const snap = (await actorClient(counter, { runtime: nth(instances, 0) }).call(`${run}-${a}`, "snapshot")) as {
              count: number;
              version: number;
              history: number[];
            };
            expect(snap.count).toBe(mine.reduce((sum, c) => sum + c.amount, 0));
            expect(snap.version).toBe(mine.length);
            expect(snap.history.length).toBe(mine.length);
          }
        },
      ),
      { numRuns: o.numRuns },
    );
  });

  it("single writer: exclusive handlers of one actor id never overlap and no two commit from the same version", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(3), { minLength: 2, maxLength: 20 }), async (assignment) => {
        const store = o.store();
        const instances = runtimes(store, 4);
        const actorId = randomUUID();
        let inside = 0;
        let maxInside = 0;
        const committedFrom: number[] = [];
        const probe = (await import("../src/index.js")).actor({
          name: "probe",
          initialState: () => ({ n: 0 }),
          handlers: {
            bump: (await import("../src/index.js")).exclusive(async (ctx) => {
              inside++;
              maxInside = Math.max(maxInside, inside);
              await new Promise((resolve) => setTimeout(resolve, 0));
              ctx.state.n++;
              await ctx.save();
              inside--;
              committedFrom.push(ctx.version);
              return ctx.state.n;
            }),
          },
        });
        await Promise.all(assignment.map((i) => callWithRetry(actorClient(probe, { runtime: nth(instances, i) }), (client) => client.call(actorId, "bump"))));
        expect(maxInside).toBe(1);
        expect([...committedFrom].sort((a, b) => a - b)).toEqual(assignment.map((_, i) => i));
      }),
      { numRuns: o.numRuns },
    );
  });

  it("fencing: a call whose lease lapsed cannot commit; its save() throws ActorConflictError and nothing is overwritten", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.boolean(), async (others, saveBeforeFreeze) => {
        const store = o.store();
        const clock = new StepClock();
        const all = runtimes(store, 1 + others, { clock, leaseMs: 1_000 });
        const slow = nth(all, 0);
        const fast = all.slice(1);
        const actorId = randomUUID();
        let release!: () => void;
        const frozen = new Promise<void>((resolve) => (release = resolve));
        let entered!: () => void;
        const inHandler = new Promise<void>((resolve) => (entered = resolve));
        const { actor, exclusive } = await import("../src/index.js");
        const freezer = actor({
          name: "counter",
          initialState: () => ({ count: 0, history: [] as number[] }),
          handlers: {
            increment: exclusive(async (ctx, amount: number) => {
              ctx.state.count += amount;
              if (saveBeforeFreeze) await ctx.save().catch(() => undefined);
              entered();
              await frozen; // the instance freezes past its lease
              ctx.state.count += 1_000;
              await ctx.save();
              return ctx.state.count;
            }),
          },
        });
        const slowCall = actorClient(freezer, { runtime: slow })
          .call(actorId, "increment", 1)
          .then(
            () => "committed",
            (error: unknown) => error,
          );
        await inHandler;
        clock.t += 1_001; // the lease lapses
        for (const r of fast) await actorClient(counter, { runtime: r }).call(actorId, "increment", 10);
        release();
        const outcome = await slowCall;
        expect(outcome).toBeInstanceOf(ActorConflictError);
        const snap = (await actorClient(counter, { runtime: nth(fast, 0) }).call(actorId, "snapshot")) as { count: number; version: number };
        expect(snap).toMatchObject({ count: 10 * others, version: others });
      }),
      { numRuns: o.numRuns },
    );
  });

  it("exactly once per call id: a redelivered call returns the recorded result without running again", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ id: fc.nat(7), instance: fc.nat(2) }), { minLength: 1, maxLength: 25 }), async (deliveries) => {
        const store = o.store();
        const instances = runtimes(store, 3);
        const run = randomUUID();
        const actorId = `${run}-x`;
        const first = new Map<number, unknown>();
        for (const d of deliveries) {
          const result = await actorClient(counter, { runtime: nth(instances, d.instance) }).call(actorId, "increment", 1, { callId: `${run}-${d.id}` });
          if (!first.has(d.id)) first.set(d.id, result);
          expect(result).toBe(first.get(d.id));
        }
        const snap = (await actorClient(counter, { runtime: nth(instances, 0) }).call(actorId, "snapshot")) as { count: number; version: number };
        expect(snap.count).toBe(first.size);
        expect(snap.version).toBe(first.size);
      }),
      { numRuns: o.numRuns },
    );
  });

  it("per-actor FIFO: async calls are applied in the order they were sent, across instances and failed records", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ actor: fc.nat(2), amount: fc.integer({ min: 1, max: 9 }), failOnce: fc.boolean() }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 10 }),
        async (sends, batchSize) => {
          const store = o.store();
          const queue = new InMemoryActorQueue({ maxReceiveCount: 100 });
          const instances = runtimes(store, 3, { queue });
          const run = randomUUID();
          const failed = new Set<string>();
          const { actor, exclusive } = await import("../src/index.js");
          const flaky = actor({
            name: "counter",
            initialState: () => ({ count: 0, history: [] as number[] }),
            handlers: {
              increment: exclusive(async (ctx, p: { amount: number; failOnce: boolean }) => {
                if (p.failOnce && !failed.has(ctx.callId)) {
                  failed.add(ctx.callId);
                  throw new Error("transient");
                }
                ctx.state.count += p.amount;
                ctx.state.history = [...ctx.state.history, p.amount];
                await ctx.save();
                return ctx.state.count;
              }),
            },
          });
          const client = actorClient(flaky, { runtime: nth(instances, 0) });
          for (const s of sends) await client.send(`${run}-${s.actor}`, "increment", { amount: s.amount, failOnce: s.failOnce });
          let turn = 0;
          while (queue.depth > 0) {
            const runtime = nth(instances, turn++ % instances.length);
            await queue.deliver((event) => processSqsBatch(runtime, flaky, event), { max: batchSize });
          }
          for (let a = 0; a < 3; a++) {
            const snap = await store.read({ actor: "counter", actorId: `${run}-${a}` });
            expect(snap.state === undefined ? [] : (JSON.parse(snap.state) as { history: number[] }).history).toEqual(
              sends.filter((s) => s.actor === a).map((s) => s.amount),
            );
          }
        },
      ),
      { numRuns: o.numRuns },
    );
  });

  it("a throwing handler commits exactly what it saved before throwing, and the caller gets its name, message and data", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 6 }), async (before, failAfter) => {
        const store = o.store();
        const runtime = nth(runtimes(store, 1), 0);
        const client = actorClient(counter, { runtime });
        const actorId = randomUUID();
        if (before > 0) await client.call(actorId, "increment", before);
        const error = await client.call(actorId, "steps", { steps: 6, failAfter }).then(
          () => undefined,
          (e: unknown) => e as { name: string; message: string; data: unknown; code: string },
        );
        expect(error).toMatchObject({ name: "StepFailed", message: `failed after ${failAfter} saves`, data: { saves: failAfter }, code: "ACTOR_HANDLER_FAILED" });
        const snap = (await client.call(actorId, "snapshot")) as { count: number; version: number };
        expect(snap.count).toBe(before + failAfter);
        expect(snap.version).toBe((before > 0 ? 1 : 0) + failAfter);
      }),
      { numRuns: o.numRuns },
    );
  });
}
