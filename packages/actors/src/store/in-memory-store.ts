/**
 * The embedded store: the same contract as DynamoDB (lease, version fencing, call window, item
 * limit) in process memory. Every method awaits once before touching the map, so callers
 * interleave the way they do against a remote store.
 */
import { ActorConflictError } from "../errors/errors.js";
import { DYNAMODB_MAX_ITEM_BYTES } from "./item-size.js";
import type { Acquired, ActorKey, ActorSnapshot, ActorStore, CallRecord, CommitRequest } from "./store.js";

interface Item {
  version: number;
  state: string | undefined;
  calls: CallRecord[];
  leaseOwner?: string;
  leaseExpiresAt?: number;
}

/** Options of {@link InMemoryActorStore}. */
export interface InMemoryActorStoreOptions {
  /** The item limit checked before each write (default DynamoDB's 400 KB, so tests catch what production would refuse). */
  maxItemBytes?: number;
}

/** Actors in a Map; shared by every runtime given the same instance. */
export class InMemoryActorStore implements ActorStore {
  readonly maxItemBytes: number;
  private readonly items = new Map<string, Item>();
  /** Round trips served, by kind: what the benchmark reports. */
  readonly roundTrips = { acquire: 0, commit: 0, release: 0, read: 0 };

  constructor(o: InMemoryActorStoreOptions = {}) {
    this.maxItemBytes = o.maxItemBytes ?? DYNAMODB_MAX_ITEM_BYTES;
  }

  async acquire(key: ActorKey, owner: string, now: number, leaseMs: number): Promise<Acquired | undefined> {
    await Promise.resolve();
    this.roundTrips.acquire++;
    const item = this.item(key);
    if (item.leaseOwner !== undefined && item.leaseOwner !== owner && (item.leaseExpiresAt ?? 0) > now) return undefined;
    item.leaseOwner = owner;
    item.leaseExpiresAt = now + leaseMs;
    return { version: item.version, state: item.state, calls: [...item.calls], leaseExpiresAt: item.leaseExpiresAt };
  }

  async commit(r: CommitRequest): Promise<void> {
    await Promise.resolve();
    this.roundTrips.commit++;
    const item = this.item(r);
    if (item.version !== r.expectedVersion || item.leaseOwner !== r.owner) {
      throw new ActorConflictError(
        r.actorId,
        `Commit of actor ${JSON.stringify(r.actorId)} fenced off: expected version ${r.expectedVersion} with this call's lease, found version ${item.version} with ${item.leaseOwner === undefined ? "no lease" : "another call's lease"}`,
      );
    }
    item.version = r.newVersion;
    if (r.state !== undefined) item.state = r.state;
    if (r.calls !== undefined) item.calls = [...r.calls];
    if (r.release) {
      item.leaseOwner = undefined;
      item.leaseExpiresAt = undefined;
    }
  }

  async release(key: ActorKey, owner: string): Promise<void> {
    await Promise.resolve();
    this.roundTrips.release++;
    const item = this.items.get(this.keyOf(key));
    if (item?.leaseOwner === owner) {
      item.leaseOwner = undefined;
      item.leaseExpiresAt = undefined;
    }
  }

  async read(key: ActorKey): Promise<ActorSnapshot> {
    await Promise.resolve();
    this.roundTrips.read++;
    const item = this.items.get(this.keyOf(key));
    return item === undefined ? { version: 0, state: undefined, calls: [] } : { version: item.version, state: item.state, calls: [...item.calls] };
  }

  /** Who holds the lease of an actor now (tests and the harness). */
  leaseOf(key: ActorKey): { owner: string; expiresAt: number } | undefined {
    const item = this.items.get(this.keyOf(key));
    return item?.leaseOwner === undefined ? undefined : { owner: item.leaseOwner, expiresAt: item.leaseExpiresAt ?? 0 };
  }

  private keyOf(key: ActorKey): string {
    return `${key.actor}\u0000${key.actorId}`;
  }

  private item(key: ActorKey): Item {
    const k = this.keyOf(key);
    let item = this.items.get(k);
    if (item === undefined) {
      item = { version: 0, state: undefined, calls: [] };
      this.items.set(k, item);
    }
    return item;
  }
}
