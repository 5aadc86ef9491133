/** The local server closes slow and partial requests, and never cuts a request that waits for its answer. */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer, type LocalServer } from "../src/server/index.js";
import { TestRuntimeClient } from "./server-support.js";

let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer({ port: 0, headersTimeoutMs: 500, requestTimeoutMs: 1_000, functions: { worker: { external: true } } });
});
afterAll(async () => {
  await server.close();
});

/** Sends `text` on a raw socket and resolves with what came back and how long until the server closed it. */
function sendRaw(text: string): Promise<{ reply: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let reply = "";
    const socket = connect(server.port, "127.0.0.1", () => socket.write(text));
    socket.on("data", (chunk) => (reply += chunk.toString("latin1")));
    socket.on("error", reject);
    socket.on("close", () => resolve({ reply, closedAfterMs: Date.now() - started }));
    // Bounded: a server that never closes fails the test instead of hanging it.
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the partial request open; received ${JSON.stringify(reply)}`));
    }, 5_000).unref();
  });
}

describe("request timeouts", () => {
  it("answers 408 and closes a connection whose request headers never end", async () => {
    const { reply, closedAfterMs } = await sendRaw("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(450);
  });

  it("answers 408 and closes a connection whose body stops short of its Content-Length", async () => {
    const { reply } = await sendRaw('POST /2015-03-31/functions/worker/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"par');
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("keeps a long poll open past the request timeout: only receiving the request is timed", async () => {
    const runtime = new TestRuntimeClient(server.runtimeApi("worker"));
    const poll = runtime.next();
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // past requestTimeoutMs (1,000)
    const invoked = fetch(`${server.url}/2015-03-31/functions/worker/invocations`, {
      method: "POST",
      headers: { "X-Amz-Invocation-Type": "Event" },
      body: "{}",
    });
    expect((await invoked).status).toBe(202);
    const delivered = await poll;
    expect(delivered.status).toBe(200);
    expect(delivered.event.DurableExecutionArn).toContain(":function:worker:");
    await runtime.respond(delivered.requestId, { Status: "SUCCEEDED", Result: "1" });
  });

  it("rejects timeouts it cannot honour with a RangeError naming the option", async () => {
    await expect(startLocalServer({ port: 0, headersTimeoutMs: 0 })).rejects.toThrow(/headersTimeoutMs: expected a positive integer, received 0/);
    await expect(startLocalServer({ port: 0, headersTimeoutMs: 2_000, requestTimeoutMs: 1_000 })).rejects.toThrow(/must not exceed requestTimeoutMs/);
  });
});
