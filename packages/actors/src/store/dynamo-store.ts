/**
 * `DynamoActorStore`: one DynamoDB table keyed by `pk` (string). One item per actor holds the lease
 * (`leaseOwner`, `leaseExpiresAt`), the `version`, the `state` (JSON text) and the call window
 * (`calls`, JSON text), so an exclusive call is two requests: an UpdateItem that takes the lease
 * and returns the item, then an UpdateItem that commits and releases, conditioned on the version
 * and the lease owner. Mapping and IAM actions: docs/actors.md.
 */
import { CreateTableCommand, DynamoDBClient, ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createHash } from "node:crypto";
import { ActorConflictError } from "../errors/errors.js";
import { DYNAMODB_MAX_ITEM_BYTES } from "./item-size.js";
import type { Acquired, ActorKey, ActorSnapshot, ActorStore, CallRecord, CommitRequest } from "./store.js";

/** Options of {@link DynamoActorStore}. */
export interface DynamoActorStoreOptions {
  /** The table (partition key `pk`, type S; no sort key). */
  tableName: string;
  /** A client (default `new DynamoDBClient({})`, configured from the environment). */
  client?: DynamoDBClient;
}

/** The partition key limit: 2,048 bytes. */
const MAX_KEY_BYTES = 2048;
const NAMES = { "#v": "version", "#s": "state", "#c": "calls", "#lo": "leaseOwner", "#le": "leaseExpiresAt" };

/** `actor#actorId`, or `actor#sha256:<hash>` when that would pass the key limit (ids may be 1,024 multi-byte characters). */
export function partitionKey(key: ActorKey): string {
  const pk = `${key.actor}#${key.actorId}`;
  return Buffer.byteLength(pk) <= MAX_KEY_BYTES ? pk : `${key.actor}#sha256:${createHash("sha256").update(key.actorId).digest("hex")}`;
}

function snapshotOf(item: Record<string, unknown> | undefined): ActorSnapshot {
  if (item === undefined) return { version: 0, state: undefined, calls: [] };
  return {
    version: Number(item.version ?? 0),
    state: typeof item.state === "string" ? item.state : undefined,
    calls: typeof item.calls === "string" ? (JSON.parse(item.calls) as CallRecord[]) : [],
  };
}

/** The actor store on DynamoDB. */
export class DynamoActorStore implements ActorStore {
  readonly maxItemBytes = DYNAMODB_MAX_ITEM_BYTES;
  readonly tableName: string;
  private readonly doc: DynamoDBDocumentClient;
  /** Requests sent, by kind: what the benchmark reports. */
  readonly roundTrips = { acquire: 0, commit: 0, release: 0, read: 0 };

  constructor(o: DynamoActorStoreOptions) {
    if (typeof o?.tableName !== "string" || o.tableName.length < 3)
      throw new TypeError(`DynamoActorStore: tableName: expected a table name of 3-255 characters, received ${JSON.stringify(o?.tableName)}`);
    this.tableName = o.tableName;
    this.doc = DynamoDBDocumentClient.from(o.client ?? new DynamoDBClient({}));
  }

  /** Creates the table (on-demand billing) — for tests and local setups; production tables come from infrastructure code. */
  static async createTable(client: DynamoDBClient, tableName: string): Promise<void> {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  }

  async acquire(key: ActorKey, owner: string, now: number, leaseMs: number): Promise<Acquired | undefined> {
    this.roundTrips.acquire++;
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: partitionKey(key) },
          UpdateExpression: "SET #lo = :o, #le = :e, #v = if_not_exists(#v, :zero), actorId = :id",
          ConditionExpression: "attribute_not_exists(#lo) OR #lo = :o OR #le <= :now",
          ExpressionAttributeNames: { "#lo": NAMES["#lo"], "#le": NAMES["#le"], "#v": NAMES["#v"] },
          ExpressionAttributeValues: { ":o": owner, ":e": now + leaseMs, ":now": now, ":zero": 0, ":id": key.actorId },
          ReturnValues: "ALL_NEW",
        }),
      );
      return { ...snapshotOf(out.Attributes), leaseExpiresAt: now + leaseMs };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async commit(r: CommitRequest): Promise<void> {
    this.roundTrips.commit++;
    const sets = ["#v = :nv"];
    const values: Record<string, unknown> = { ":nv": r.newVersion, ":ev": r.expectedVersion, ":o": r.owner };
    const names: Record<string, string> = { "#v": NAMES["#v"], "#lo": NAMES["#lo"] };
    if (r.state !== undefined) {
      sets.push("#s = :s");
      values[":s"] = r.state;
      names["#s"] = NAMES["#s"];
    }
    if (r.calls !== undefined) {
      sets.push("#c = :c");
      values[":c"] = JSON.stringify(r.calls);
      names["#c"] = NAMES["#c"];
    }
    let expression = `SET ${sets.join(", ")}`;
    if (r.release) {
      expression += " REMOVE #lo, #le";
      names["#le"] = NAMES["#le"];
    }
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: partitionKey(r) },
          UpdateExpression: expression,
          ConditionExpression: "#v = :ev AND #lo = :o",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ActorConflictError(
          r.actorId,
          `Commit of actor ${JSON.stringify(r.actorId)} fenced off: the item is no longer at version ${r.expectedVersion} with this call's lease`,
        );
      }
      throw error;
    }
  }

  async release(key: ActorKey, owner: string): Promise<void> {
    this.roundTrips.release++;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: partitionKey(key) },
          UpdateExpression: "REMOVE #lo, #le",
          ConditionExpression: "#lo = :o",
          ExpressionAttributeNames: { "#lo": NAMES["#lo"], "#le": NAMES["#le"] },
          ExpressionAttributeValues: { ":o": owner },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async read(key: ActorKey): Promise<ActorSnapshot> {
    this.roundTrips.read++;
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: partitionKey(key) }, ConsistentRead: true }));
    return snapshotOf(out.Item);
  }
}
