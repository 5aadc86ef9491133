/**
 * Streaming handlers end to end: the runtime loop streams its `/response` to the local server's
 * Runtime API, and a plain HTTP client reads the function as a Function URL.
 */
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { direct, httpApi, router, sseHandler, streamingHandler } from "@durable-ts/sdk/lambda";
import { LambdaRuntime, type RuntimeHandler } from "@durable-ts/sdk/runtime";
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startLocalServer } from "../src/server/index.js";
import { localClient } from "./server-support.js";

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

async function serve(handler: RuntimeHandler) {
  const server = await startLocalServer({ port: 0, functions: { fn: { external: true, durable: false, timeoutMs: 10_000 } } });
  const abort = new AbortController();
  const running = new LambdaRuntime({ runtimeApi: server.runtimeApi("fn"), handler, signal: abort.signal, metrics: false }).run().catch((error: unknown) => error);
  stops.push(async () => {
    abort.abort();
    await server.close();
    await running;
  });
  return server;
}

interface Received {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  chunks: { at: number; text: string }[];
  /** How the body ended: normally, or cut off. */
  end: "complete" | "aborted";
}

/** A plain node:http GET that notes when each chunk arrives. */
function get(url: string, o: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Received> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { method: o.method ?? "GET", headers: o.headers }, (res) => {
      const received: Received = { status: res.statusCode ?? 0, headers: res.headers, chunks: [], end: "complete" };
      res.on("data", (chunk: Buffer) => received.chunks.push({ at: performance.now() - started, text: chunk.toString("utf8") }));
      res.on("aborted", () => (received.end = "aborted"));
      res.on("error", () => (received.end = "aborted"));
      res.on("close", () => resolve(received));
    });
    req.on("error", reject);
    req.end(o.body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("sseHandler through a Function URL on the local server", () => {
  it("delivers each frame when it is written, not at the end", async () => {
    const server = await serve(
      sseHandler(async (event: { queryStringParameters?: { n?: string } }, _context, write) => {
        const n = Number(event.queryStringParameters?.n ?? 3);
        for (let i = 1; i <= n; i++) {
          await write({ event: "tick", id: String(i), data: { i } });
          if (i < n) await sleep(200);
        }
      }),
    );
    const received = await get(`${server.functionUrl("fn")}ticks?n=3`);
    expect(received.status).toBe(200);
    expect(received.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(received.headers["cache-control"]).toBe("no-cache");
    const frames = received.chunks
      .map((c) => c.text)
      .join("")
      .split("\n\n")
      .filter(Boolean);
    expect(frames).toEqual(['event: tick\nid: 1\ndata: {"i":1}', 'event: tick\nid: 2\ndata: {"i":2}', 'event: tick\nid: 3\ndata: {"i":3}']);
    // One chunk per frame, arriving as the function wrote them (200 ms apart), not together at the end.
    expect(received.chunks).toHaveLength(3);
    const arrivals = received.chunks.map((c) => Math.round(c.at));
    expect(arrivals[2]! - arrivals[0]!, `arrivals ${arrivals.join(", ")} ms`).toBeGreaterThanOrEqual(250);
    expect(arrivals[2]! - arrivals[1]!, `arrivals ${arrivals.join(", ")} ms`).toBeGreaterThanOrEqual(100);
  });

  it("splits multi-line data into one data: line per line", async () => {
    const server = await serve(sseHandler(async (_event, _context, write) => void (await write("first line\nsecond line\r\nthird"))));
    const received = await get(server.functionUrl("fn"));
    expect(received.chunks.map((c) => c.text).join("")).toBe("data: first line\ndata: second line\ndata: third\n\n");
  });
});

describe("streamingHandler through a Function URL on the local server", () => {
  it("answers with the handler's status, headers and cookies, then the body as written", async () => {
    const server = await serve(
      streamingHandler(
        async (_event, stream) => {
          stream.write("id,name\n");
          await sleep(120);
          stream.write("1,ada\n");
        },
        (event: { rawPath: string }) => ({ statusCode: 201, headers: { "content-type": "text/csv", "x-path": event.rawPath }, cookies: ["session=abc; Path=/"] }),
      ),
    );
    const received = await get(`${server.functionUrl("fn")}export/users`);
    expect(received.status).toBe(201);
    expect(received.headers).toMatchObject({ "content-type": "text/csv", "x-path": "/export/users", "set-cookie": ["session=abc; Path=/"] });
    expect(received.chunks.map((c) => c.text).join("")).toBe("id,name\n1,ada\n");
    expect(received.end).toBe("complete");
    expect(received.chunks.at(-1)!.at - received.chunks[0]!.at).toBeGreaterThanOrEqual(80);
  });

  it("reports an error raised mid-stream through the trailers: the URL client sees the stream cut off, Invoke sees the error", async () => {
    const server = await serve(
      streamingHandler(async (_event, stream) => {
        stream.write("partial ");
        await sleep(50);
        throw Object.assign(new Error("disk full"), { name: "ExportFailed" });
      }),
    );
    const received = await get(server.functionUrl("fn"));
    expect(received.status).toBe(200);
    expect(received.chunks.map((c) => c.text).join("")).toBe("partial ");
    expect(received.end).toBe("aborted");

    const out = await localClient(server.url).send(new InvokeCommand({ FunctionName: "fn", Payload: "{}" }));
    expect(out.FunctionError).toBe("Unhandled");
    expect(JSON.parse(Buffer.from(out.Payload!).toString())).toMatchObject({ errorType: "ExportFailed", errorMessage: "disk full" });
  });

  it("answers a buffered Invoke of a streaming function with the whole body, without the prelude", async () => {
    const server = await serve(streamingHandler(async (_event, stream) => void stream.write("all of it"), { headers: { "content-type": "text/plain" } }));
    const out = await localClient(server.url).send(new InvokeCommand({ FunctionName: "fn", Payload: "{}" }));
    expect(out.FunctionError).toBeUndefined();
    expect(Buffer.from(out.Payload!).toString()).toBe("all of it");
  });

  it("called as a plain handler, gives one buffered Function URL response", async () => {
    const handler = streamingHandler(async (_event, stream) => void stream.write("abc"), { statusCode: 202, headers: { "content-type": "text/plain" } });
    const result = (await handler({}, {} as never)) as { statusCode: number; body: string; isBase64Encoded: boolean };
    expect(result).toMatchObject({ statusCode: 202, headers: { "content-type": "text/plain" }, isBase64Encoded: true });
    expect(Buffer.from(result.body, "base64").toString()).toBe("abc");
  });
});

describe("buffered handlers through a Function URL on the local server", () => {
  it("routes the request and returns the handler's response", async () => {
    const server = await serve(
      router([
        httpApi({
          method: "POST",
          path: "/orders/{id}",
          handler: (req) => ({ statusCode: 201, headers: { "x-order": req.params.id }, body: { got: req.body, q: req.query.dry } }),
        }),
        direct({ handler: () => "direct" }),
      ]),
    );
    const received = await get(`${server.functionUrl("fn")}orders/42?dry=1`, { method: "POST", body: '{"qty":3}', headers: { "content-type": "application/json" } });
    expect(received.status).toBe(201);
    expect(received.headers["x-order"]).toBe("42");
    expect(JSON.parse(received.chunks.map((c) => c.text).join(""))).toEqual({ got: { qty: 3 }, q: "1" });
    // No httpApi route claims this path: the direct route takes it.
    const other = await get(`${server.functionUrl("fn")}nowhere`);
    expect([other.status, other.chunks.map((c) => c.text).join("")]).toEqual([200, '"direct"']);
  });

  it("answers 502 when the function fails", async () => {
    const server = await serve(() => {
      throw new Error("boom");
    });
    const received = await get(server.functionUrl("fn"));
    expect(received.status).toBe(502);
    expect(JSON.parse(received.chunks.map((c) => c.text).join(""))).toEqual({ Message: "Internal Server Error" });
  });
});
