// Runs against a real S3-compatible server (s3rver) started on loopback by the test.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createRetryStrategy, durableExecution, type DurableLambdaHandler } from "@durable-ts/sdk";
import { LocalDurableTestRunner } from "@durable-ts/testing";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeReference, offloadResult, readResult, REFERENCE_MARKER, s3CallbackDeserializer, s3Serdes, S3PayloadStore } from "./index.js";

const BUCKET = "payloads";
let server: S3rver;
let dir: string;
let client: S3Client;
let store: S3PayloadStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "s3rver-"));
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  store = new S3PayloadStore({ client, bucket: BUCKET, prefix: "durable/", thresholdBytes: 1_000 });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const big = (n: number) => ({ rows: Array.from({ length: n }, (_, i) => ({ i, text: `row ${i} ${"x".repeat(20)}` })) });
const noRetry = createRetryStrategy({ maxAttempts: 1 });

async function keys(): Promise<string[]> {
  const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (listed.Contents ?? []).map((o) => o.Key!).sort();
}

async function clearBucket(): Promise<void> {
  for (const key of await keys()) await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
}

/** Runs `beforeInvocation(n)` before the n-th invocation (1-based) of the handler. */
function aroundInvocations(handler: DurableLambdaHandler, beforeInvocation: (n: number) => Promise<void>): DurableLambdaHandler {
  let n = 0;
  return (async (event: Parameters<DurableLambdaHandler>[0], ctx: Parameters<DurableLambdaHandler>[1]) => {
    await beforeInvocation(++n);
    return handler(event, ctx);
  }) as DurableLambdaHandler;
}

describe("s3Serdes", () => {
  it("keeps small values inline and stores large ones in S3 under the execution and operation", async () => {
    await clearBucket();
    const handler = durableExecution(
      async (_e, ctx) => {
        const small = await ctx.step("small", async () => ({ ok: true }));
        const large = await ctx.step("large", async () => big(200));
        await ctx.wait("pause", { seconds: 1 }); // the next invocation reads both back from the log
        return { small, rows: large.rows.length, last: large.rows[199] };
      },
      { serdes: s3Serdes(store) },
    );
    const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: {} });
    expect(result.getResult()).toEqual({ small: { ok: true }, rows: 200, last: { i: 199, text: `row 199 ${"x".repeat(20)}` } });
    expect(result.getInvocations()).toHaveLength(2);

    const smallPayload = result.getOperation("small").getOperationData()?.StepDetails?.Result;
    expect(smallPayload?.startsWith(REFERENCE_MARKER)).toBe(false);
    const largePayload = result.getOperation("large").getOperationData()?.StepDetails?.Result;
    const reference = decodeReference(largePayload)!;
    expect(reference).toMatchObject({ durableTsS3: 1, bucket: BUCKET, preview: expect.stringMatching(/^\{"rows":\[\{"i":0,/) });
    expect(Buffer.byteLength(largePayload!, "utf8")).toBeLessThan(600);
    const operationId = result.getOperation("large").getOperationData()!.Id!;
    expect(reference.key).toMatch(new RegExp(`^durable/arn_aws_lambda_.+/${operationId}-${reference.sha256.slice(0, 16)}$`));
    expect(await keys()).toEqual([reference.key]);
  });

  it("offloads child context results, map items and parallel branches through the default serdes", async () => {
    await clearBucket();
    const handler = durableExecution(
      async (_e, ctx) => {
        const child = await ctx.runInChildContext("child", async () => big(100));
        const mapped = await ctx.map("map", [1, 2], async (_c, n) => big(50 * n));
        const branches = await ctx.parallel<ReturnType<typeof big> | string>("par", [async () => big(60), async () => "tiny"]);
        const [first, second] = branches.getResults();
        return [child.rows.length, ...mapped.getResults().map((r) => r.rows.length), typeof first === "string" ? first : first!.rows.length, second];
      },
      { serdes: s3Serdes(store) },
    );
    const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: {} });
    expect(result.getResult()).toEqual([100, 50, 100, 60, "tiny"]);
    // The child; the map's own result and its two items; the parallel's own result and its large
    // branch. The tiny branch stays inline.
    const stored = await keys();
    expect(stored).toHaveLength(6);
    const ids = ["child", "map", "par"].map((name) => result.getOperation(name).getOperationData()!.Id!);
    for (const id of ids) expect(stored.some((key) => key.includes(`/${id}-`))).toBe(true);
  });

  it("fails the execution with a non-retryable SerdesError when the object is gone", async () => {
    await clearBucket();
    const inner = durableExecution(
      async (_e, ctx) => {
        const large = await ctx.step("report", async () => big(100), { retryStrategy: noRetry });
        await ctx.wait("pause", { seconds: 1 });
        return large.rows.length;
      },
      { serdes: s3Serdes(store) },
    );
    const handler = aroundInvocations(inner, async (n) => {
      if (n === 2) for (const key of await keys()) await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    });
    const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: {} });
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()?.errorType).toBe("SerdesError");
    expect(result.getError()?.errorMessage).toMatch(
      /^Could not deserialize the value of operation "report": The offloaded payload s3:\/\/payloads\/durable\/.+ does not exist \(\d+ bytes, preview /,
    );
    expect(result.getInvocations()).toHaveLength(2); // not retried: a missing object stays missing
  });

  it("fails the execution when the object's content does not match the recorded hash", async () => {
    await clearBucket();
    const inner = durableExecution(
      async (_e, ctx) => {
        const large = await ctx.step("report", async () => big(100));
        await ctx.wait("pause", { seconds: 1 });
        return large.rows.length;
      },
      { serdes: s3Serdes(store) },
    );
    const handler = aroundInvocations(inner, async (n) => {
      if (n !== 2) return;
      const [key] = await keys();
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key!, Body: '{"json":{"rows":[]}}' }));
    });
    const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: {} });
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({
      errorType: "SerdesError",
      errorMessage: expect.stringMatching(/has SHA-256 [0-9a-f]{64}, the checkpoint recorded [0-9a-f]{64}$/),
    });
  });

  it("reports an unreachable S3 as a retryable SerdesError, and a malformed reference as a non-retryable one", async () => {
    const down = new S3PayloadStore({
      client: new S3Client({
        endpoint: "http://127.0.0.1:9",
        region: "us-east-1",
        forcePathStyle: true,
        maxAttempts: 1,
        credentials: { accessKeyId: "x", secretAccessKey: "x" },
      }),
      bucket: BUCKET,
      thresholdBytes: 10,
    });
    const context = { entityId: "1", durableExecutionArn: "arn:aws:lambda:us-east-1:1:function:f", operationId: "op" };
    await expect(s3Serdes(down).serialize(big(5), context)).rejects.toMatchObject({ name: "SerdesError", retryable: true, direction: "serialize" });
    await expect(s3Serdes(store).deserialize(`${REFERENCE_MARKER}{"durableTsS3":2}`, context)).rejects.toMatchObject({
      name: "SerdesError",
      retryable: false,
      message: expect.stringContaining("format version 2, expected 1"),
    });
  });

  it("writes the same key when a replayed or retried invocation offloads the same value", async () => {
    await clearBucket();
    const location = { durableExecutionArn: "arn:aws:lambda:us-east-1:1:function:f/durable-execution/e/1", operationId: "abc" };
    const a = await store.put(JSON.stringify(big(100)), location);
    const b = await store.put(JSON.stringify(big(100)), location);
    expect(a).toEqual(b);
    expect(await keys()).toEqual([a.key]);
  });
});

describe("callback results and handler results", () => {
  it("reads a callback result that the sender offloaded", async () => {
    await clearBucket();
    const handler = durableExecution(async (_e, ctx) => {
      const [promise] = await ctx.createCallback("approval", { serdes: s3CallbackDeserializer(store) });
      const text = await promise;
      return JSON.parse(text!).rows.length;
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const approval = runner.getOperation("approval");
    const running = runner.run({ payload: {} });
    await approval.waitForData();
    const sent = await store.offload(JSON.stringify(big(80)), { durableExecutionArn: "sender", operationId: "approval" });
    expect(sent.startsWith(REFERENCE_MARKER)).toBe(true);
    await approval.sendCallbackSuccess(sent);
    expect((await running).getResult()).toBe(80);
  });

  it("offloads a large handler result and lets the caller read it back", async () => {
    await clearBucket();
    const handler = durableExecution(async (event: { n: number }, ctx) => offloadResult(store, ctx.executionArn, big(event.n)));
    const small = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: { n: 2 } });
    expect(small.getResult()).toEqual(big(2));
    const large = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: { n: 300 } });
    expect(large.getResult()).toMatchObject({ durableTsS3: 1, key: expect.stringMatching(/\/result-[0-9a-f]{16}$/) });
    expect(await readResult(store, large.getResult())).toEqual(big(300));
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: (large.getResult() as { key: string }).key }));
    expect(object.Metadata?.["payload-sha256"]).toMatch(/^[0-9a-f]{64}$/);
  });
});
