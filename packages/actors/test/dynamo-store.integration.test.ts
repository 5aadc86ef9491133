import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActorRuntime, DynamoActorStore, actorClient, partitionKey, silentLogger } from "../src/index.js";
import { startDynalite, type Dynalite } from "./dynalite.js";
import { big, counter } from "./fixtures.js";
import { storeGuarantees } from "./store-suite.js";

let db: Dynalite;
let tableName: string;
beforeAll(async () => {
  db = await startDynalite();
  tableName = await db.table();
});
afterAll(async () => db?.close());

describe("guarantees on DynamoDB (dynalite on loopback)", () => {
  storeGuarantees({ store: () => new DynamoActorStore({ tableName, client: db.client }), numRuns: 12 });
});

describe("DynamoActorStore", () => {
  it("makes two requests per exclusive call: one update that takes the lease and reads, one that commits and releases", async () => {
    const store = new DynamoActorStore({ tableName, client: db.client });
    const client = actorClient(counter, { runtime: new ActorRuntime({ store, logger: silentLogger }) });
    await client.call("round-trips", "increment", 1);
    expect(store.roundTrips).toEqual({ acquire: 1, commit: 1, release: 0, read: 0 });
    await client.call("round-trips", "increment", 1);
    expect(store.roundTrips).toEqual({ acquire: 2, commit: 2, release: 0, read: 0 });
  });

  it("keeps an actor id of 1,024 multi-byte characters under the 2,048-byte key limit by hashing it", async () => {
    const store = new DynamoActorStore({ tableName, client: db.client });
    const actorId = "€".repeat(1024);
    expect(partitionKey({ actor: "counter", actorId })).toMatch(/^counter#sha256:[0-9a-f]{64}$/);
    const client = actorClient(counter, { runtime: new ActorRuntime({ store, logger: silentLogger }) });
    expect(await client.call(actorId, "increment", 2)).toBe(2);
    expect(await client.call(actorId, "get")).toBe(2);
  });

  it("refuses a state over 400 KB with a typed error before the write, and the item keeps its last state", async () => {
    const store = new DynamoActorStore({ tableName, client: db.client });
    const client = actorClient(big, { runtime: new ActorRuntime({ store, logger: silentLogger }) });
    await client.call("a", "grow", 390_000);
    const before = store.roundTrips.commit;
    await expect(client.call("a", "grow", 410_000)).rejects.toMatchObject({ code: "ACTOR_STATE_TOO_LARGE", data: { limit: 409_600 } });
    expect(store.roundTrips.commit).toBe(before);
    const snap = await store.read({ actor: "big", actorId: "a" });
    expect(JSON.parse(snap.state!).blob).toHaveLength(390_000);
    // The lease was released: the next call does not wait for it.
    await client.call("a", "grow", 10);
  });

  it("refuses a commit from a stale version or another owner with ActorConflictError", async () => {
    const store = new DynamoActorStore({ tableName, client: db.client });
    const key = { actor: "raw", actorId: "fence" };
    const a = await store.acquire(key, "owner-a", 1_000, 100);
    expect(a).toMatchObject({ version: 0, state: undefined });
    expect(await store.acquire(key, "owner-b", 1_050, 100)).toBeUndefined(); // held
    const b = await store.acquire(key, "owner-b", 1_100, 100); // lapsed: taken over
    expect(b).toBeDefined();
    await expect(store.commit({ ...key, owner: "owner-a", expectedVersion: 0, newVersion: 1, state: "{}", release: true })).rejects.toMatchObject({
      code: "ACTOR_CONFLICT",
    });
    await store.commit({ ...key, owner: "owner-b", expectedVersion: 0, newVersion: 1, state: '{"b":1}', release: true });
    await store.acquire(key, "owner-a", 1_200, 100);
    await expect(store.commit({ ...key, owner: "owner-a", expectedVersion: 0, newVersion: 1, state: "{}", release: true })).rejects.toMatchObject({
      code: "ACTOR_CONFLICT",
    });
    expect(await store.read(key)).toMatchObject({ version: 1, state: '{"b":1}' });
  });
});
