/**
 * The SQS side. No local SQS server from npm speaks the JSON protocol the current
 * `@aws-sdk/client-sqs` sends (sqslite 2.1.1 answers 415 to `application/x-amz-json-1.0`), so
 * these tests check the request the real client sends, captured by a loopback HTTP endpoint that
 * answers as SQS does, and feed the Lambda handler SQS events of the shape Lambda delivers.
 */
import { SQSClient } from "@aws-sdk/client-sqs";
import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActorRuntime, InMemoryActorStore, SqsActorQueue, actorClient, messageGroupId, silentLogger } from "../src/index.js";
import { counter } from "./fixtures.js";

interface Captured {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}
const captured: Captured[] = [];
let endpoint: string;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    captured.push({ headers: req.headers, body });
    // SendMessage's answer in the JSON protocol (the client checks the body's MD5).
    res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "req-1" });
    res.end(
      JSON.stringify({
        MessageId: "5fea7756-0ea4-451a-a703-a558b933e274",
        MD5OfMessageBody: createHash("md5").update(String(body.MessageBody)).digest("hex"),
        SequenceNumber: "18849496460467696128",
      }),
    );
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

function sqsQueue(): SqsActorQueue {
  const client = new SQSClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts: 1 });
  return new SqsActorQueue({ client, queueUrl: `${endpoint}/123456789012/counter.fifo` });
}

describe("SqsActorQueue", () => {
  it("sends each call with MessageGroupId = actor id and MessageDeduplicationId = call id", async () => {
    captured.length = 0;
    const runtime = new ActorRuntime({ store: new InMemoryActorStore(), queue: sqsQueue(), logger: silentLogger });
    const callId = await actorClient(counter, { runtime }).send("counter-7", "increment", 5, { callId: "call-0001" });
    expect(callId).toBe("call-0001");
    expect(captured).toHaveLength(1);
    expect(captured[0]?.headers["x-amz-target"]).toBe("AmazonSQS.SendMessage");
    expect(captured[0]?.body).toMatchObject({ QueueUrl: `${endpoint}/123456789012/counter.fifo`, MessageGroupId: "counter-7", MessageDeduplicationId: "call-0001" });
    expect(JSON.parse(captured[0]?.body.MessageBody as string)).toEqual({
      v: 1,
      actor: "counter",
      actorId: "counter-7",
      handler: "increment",
      payload: 5,
      callId: "call-0001",
    });
  });

  it("hashes an actor id SQS would refuse as a group id (over 128 characters or not printable ASCII), keeping one group per actor id", async () => {
    captured.length = 0;
    const runtime = new ActorRuntime({ store: new InMemoryActorStore(), queue: sqsQueue(), logger: silentLogger });
    const client = actorClient(counter, { runtime });
    await client.send("ü".repeat(200), "increment", 1);
    await client.send("ü".repeat(200), "increment", 1);
    await client.send("with space", "increment", 1);
    const groups = captured.map((c) => c.body.MessageGroupId as string);
    expect(groups[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(groups[1]).toBe(groups[0]);
    expect(groups[2]).toBe(messageGroupId("with space"));
    expect(groups[2]).not.toBe("with space");
  });

  it("refuses a queue URL that is not FIFO", () => {
    expect(() => new SqsActorQueue({ queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/counter" })).toThrow(/FIFO queue \(ending in \.fifo\)/);
  });
});
