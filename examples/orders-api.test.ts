import { InvokeCommand } from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler } from "./orders-api.js";
import { runFunctionProcess, type RunningFunction } from "./support/function-process.js";

const sqsRecord = (id: string, body: unknown, queue = "payments") => ({
  messageId: id,
  body: typeof body === "string" ? body : JSON.stringify(body),
  attributes: {},
  eventSource: "aws:sqs",
  eventSourceARN: `arn:aws:sqs:us-east-1:123456789012:${queue}`,
});

describe("orders API end to end: its own process behind the local server", () => {
  let fn: RunningFunction;
  beforeAll(async () => {
    fn = await runFunctionProcess("examples/orders-api.ts");
  });
  afterAll(async () => fn?.stop());

  const invoke = async (payload: unknown) => {
    const out = await fn.client.send(new InvokeCommand({ FunctionName: "fn", Payload: JSON.stringify(payload) }));
    expect(out.FunctionError, fn.output()).toBeUndefined();
    return JSON.parse(Buffer.from(out.Payload!).toString());
  };

  it("creates and reads orders over the Function URL, with typed errors as 400 and 404", async () => {
    const created = await fetch(`${fn.url}orders`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ item: "mug", qty: 2 }) });
    expect(created.status).toBe(201);
    const order = (await created.json()) as { id: string };
    expect(order).toEqual({ id: expect.any(String), item: "mug", qty: 2, status: "NEW" });

    const read = await fetch(`${fn.url}orders/${order.id}`);
    expect([read.status, await read.json()]).toEqual([200, order]);

    const invalid = await fetch(`${fn.url}orders`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ item: "", qty: 0 }) });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ message: "Invalid order", issues: [expect.stringMatching(/^item: /), expect.stringMatching(/^qty: /)] });

    const missing = await fetch(`${fn.url}orders/999`);
    expect([missing.status, await missing.json()]).toEqual([404, { message: "No order 999" }]);
  });

  it("consumes payment events from SQS and answers status lookups invoked directly", async () => {
    const created = (await (
      await fetch(`${fn.url}orders`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ item: "pen", qty: 1 }) })
    ).json()) as { id: string };
    expect(await invoke({ orderId: created.id })).toEqual({ orderId: created.id, status: "NEW" });
    const batch = await invoke({ Records: [sqsRecord("m1", { orderId: created.id }), sqsRecord("m2", { orderId: "404" }), sqsRecord("m3", "not json")] });
    // m2 names an unknown order (caught, dropped); m3 does not parse (fails, SQS redelivers it).
    expect(batch).toEqual({ batchItemFailures: [{ itemIdentifier: "m3" }] });
    expect(await invoke({ orderId: created.id })).toEqual({ orderId: created.id, status: "PAID" });
    expect(await invoke({ orderId: "404" })).toEqual({ orderId: "404", status: "UNKNOWN" });
  });

  it("writes one invocation.metrics line per invocation from the runtime loop", async () => {
    await invoke({ orderId: "1" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = fn
      .output()
      .split("\n")
      .filter((line) => line.includes('"invocation.metrics"'))
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThanOrEqual(8);
    expect(lines.at(-1)).toMatchObject({
      outcome: "SUCCEEDED",
      next_ms: expect.any(Number),
      validate_ms: expect.any(Number),
      handler_ms: expect.any(Number),
      post_ms: expect.any(Number),
    });
  });
});

describe("orders API in-process", () => {
  it("routes an SQS batch from another queue to the direct route", async () => {
    const context = { awsRequestId: "r", functionName: "fn", getRemainingTimeInMillis: () => 1000 } as never;
    await expect(handler({ Records: [sqsRecord("m1", {}, "other")] }, context)).resolves.toEqual({ orderId: undefined, status: "UNKNOWN" });
  });
});
