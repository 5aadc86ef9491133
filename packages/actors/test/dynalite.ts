/** A real DynamoDB implementation (dynalite) on a loopback port, started by the test. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
// @ts-expect-error dynalite ships no type declarations
import dynalite from "dynalite";
import { DynamoActorStore } from "../src/index.js";

export interface Dynalite {
  endpoint: string;
  client: DynamoDBClient;
  /** A fresh table of the actor layout. */
  table(): Promise<string>;
  close(): Promise<void>;
}

let tables = 0;

export async function startDynalite(): Promise<Dynalite> {
  const server = (dynalite as (o: object) => Server)({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts: 1 });
  return {
    endpoint,
    client,
    async table() {
      const name = `actors-${++tables}`;
      await DynamoActorStore.createTable(client, name);
      return name;
    },
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
