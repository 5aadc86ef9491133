/**
 * Actors (child process): exclusive calls of a counter actor on the embedded in-memory store and
 * on DynamoDB (dynalite on loopback). Counts store requests per call and times calls per second,
 * sequential on one actor id and concurrent from several runtimes over several actor ids.
 */
import { ActorRuntime, DynamoActorStore, InMemoryActorStore, actor, actorClient, handlersFor, silentLogger, type ActorStore } from "@durable-ts/actors";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
// @ts-expect-error dynalite ships no type declarations
import dynalite from "dynalite";
import { childArgs, reportAndExit } from "../lib/child-io.js";
import { now } from "../lib/clock.js";

export interface ActorsArgs {
  /** Calls per run, per store. */
  calls: { embedded: number; dynalite: number };
  runs: number;
  /** Runtimes (instances) and actor ids of the concurrent run. */
  instances: number;
  actorIds: number;
}

export interface StoreResult {
  requestsPerCall: number;
  sequentialPerSecond: number[];
  concurrentPerSecond: number[];
}

export type ActorsResult = Record<"embedded" | "dynalite", StoreResult>;

const { exclusive } = handlersFor<{ count: number }>();
const counter = actor({
  name: "counter",
  initialState: () => ({ count: 0 }),
  handlers: {
    increment: exclusive(async (ctx, amount: number) => {
      ctx.state.count += amount;
      await ctx.save();
      return ctx.state.count;
    }),
  },
});

type Counted = ActorStore & { roundTrips: Record<string, number> };
const total = (store: Counted) => Object.values(store.roundTrips).reduce((a, b) => a + b, 0);

async function measure(makeStore: () => Promise<Counted>, calls: number, args: ActorsArgs, label: string): Promise<StoreResult> {
  const result: StoreResult = { requestsPerCall: 0, sequentialPerSecond: [], concurrentPerSecond: [] };
  for (let run = 0; run < args.runs; run++) {
    const store = await makeStore();
    const client = actorClient(counter, { runtime: new ActorRuntime({ store, logger: silentLogger }) });
    const before = total(store);
    let started = now();
    for (let i = 0; i < calls; i++) await client.call(`seq-${run}`, "increment", 1);
    result.sequentialPerSecond.push(calls / ((now() - started) / 1000));
    result.requestsPerCall = (total(store) - before) / calls;
    const check = await store.read({ actor: "counter", actorId: `seq-${run}` });
    if (check.version !== calls) throw new Error(`${label}: expected version ${calls}, found ${check.version}`);

    const runtimes = Array.from({ length: args.instances }, (_, i) => new ActorRuntime({ store, instanceId: `i${i}`, logger: silentLogger }));
    started = now();
    // `!`: an index modulo the instance count is one of the instances.
    await Promise.all(
      Array.from({ length: calls }, (_, i) => actorClient(counter, { runtime: runtimes[i % args.instances]! }).call(`con-${run}-${i % args.actorIds}`, "increment", 1)),
    );
    result.concurrentPerSecond.push(calls / ((now() - started) / 1000));
    let sum = 0;
    for (let a = 0; a < args.actorIds; a++) sum += JSON.parse((await store.read({ actor: "counter", actorId: `con-${run}-${a}` })).state ?? '{"count":0}').count;
    if (sum !== calls) throw new Error(`${label}: concurrent calls lost updates: ${sum} of ${calls}`);
  }
  return result;
}

const args = childArgs<ActorsArgs>();
const embedded = await measure(async () => new InMemoryActorStore(), args.calls.embedded, args, "embedded");

const server = (dynalite as (o: object) => Server)({ createTableMs: 0 });
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const client = new DynamoDBClient({
  endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  region: "us-east-1",
  credentials: { accessKeyId: "x", secretAccessKey: "x" },
});
let tables = 0;
const onDynalite = await measure(
  async () => {
    const tableName = `bench-${++tables}`;
    await DynamoActorStore.createTable(client, tableName);
    return new DynamoActorStore({ tableName, client });
  },
  args.calls.dynalite,
  args,
  "dynalite",
);
server.close();
reportAndExit({ embedded, dynalite: onDynalite } satisfies ActorsResult);
