import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { LambdaRuntime, loadHandlerModule, runtimeApiBaseUrl } from "../src/runtime/index.js";

interface Posted {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A fake Runtime API under `/prefix`: hands out `events` in order, records every post. */
async function fakeRuntimeApi(events: { requestId: string; body: string; deadlineMs?: number }[]) {
  const posted: Posted[] = [];
  const polls: string[] = [];
  let waiting: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "";
      if (req.method === "GET" && path === "/prefix/2018-06-01/runtime/invocation/next") {
        polls.push(path);
        const next = events.shift();
        if (!next) {
          waiting.push(() => res.destroy());
          return; // long poll that never answers
        }
        res.writeHead(200, {
          "lambda-runtime-aws-request-id": next.requestId,
          "lambda-runtime-deadline-ms": String(next.deadlineMs ?? Date.now() + 60_000),
          "lambda-runtime-invoked-function-arn": "arn:aws:lambda:us-east-1:123456789012:function:fn",
          "lambda-runtime-trace-id": `Root=1-trace-${next.requestId}`,
        });
        res.end(next.body);
        return;
      }
      posted.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(202, { "content-type": "application/json" });
      res.end('{"status":"OK"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    runtimeApi: `127.0.0.1:${port}/prefix`,
    posted,
    polls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const w of waiting) w();
        waiting = [];
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

describe("the Lambda Runtime API loop", () => {
  it("builds the context from the headers, answers on /response and keeps polling", async () => {
    const deadlineMs = Date.now() + 5_000;
    const api = await fakeRuntimeApi([
      { requestId: "req-1", body: '{"n":1}', deadlineMs },
      { requestId: "req-2", body: '{"n":2}' },
    ]);
    cleanup.push(api.close);
    const seen: { event: unknown; requestId: string; arn: string; remaining: number; name: string; trace?: string }[] = [];
    const traces: (string | undefined)[] = [];
    const runtime = new LambdaRuntime({
      runtimeApi: api.runtimeApi,
      function: { functionName: "fn", memoryLimitInMB: "256" },
      maxInvocations: 2,
      onTraceId: (t) => traces.push(t),
      handler: async (event, context) => {
        seen.push({ event, requestId: context.awsRequestId, arn: context.invokedFunctionArn, remaining: context.getRemainingTimeInMillis(), name: context.functionName });
        return { doubled: event.n * 2 };
      },
    });
    await runtime.run();
    expect(seen.map((s) => [s.event, s.requestId, s.arn, s.name])).toEqual([
      [{ n: 1 }, "req-1", "arn:aws:lambda:us-east-1:123456789012:function:fn", "fn"],
      [{ n: 2 }, "req-2", "arn:aws:lambda:us-east-1:123456789012:function:fn", "fn"],
    ]);
    expect(seen[0]?.remaining).toBeGreaterThan(3_000);
    expect(seen[0]?.remaining).toBeLessThanOrEqual(5_000);
    expect(traces).toEqual(["Root=1-trace-req-1", "Root=1-trace-req-2"]);
    expect(api.posted.map((p) => [p.path, p.body])).toEqual([
      ["/prefix/2018-06-01/runtime/invocation/req-1/response", '{"doubled":2}'],
      ["/prefix/2018-06-01/runtime/invocation/req-2/response", '{"doubled":4}'],
    ]);
    expect(runtime.invocations).toBe(2);
  });

  it("posts a thrown error to /error with Lambda-Runtime-Function-Error-Type, and answers undefined as null", async () => {
    const api = await fakeRuntimeApi([
      { requestId: "bad", body: "{}" },
      { requestId: "void", body: "" },
    ]);
    cleanup.push(api.close);
    class PaymentDeclined extends Error {
      override name = "PaymentDeclined";
    }
    let calls = 0;
    await new LambdaRuntime({
      runtimeApi: api.runtimeApi,
      maxInvocations: 2,
      handler: async () => {
        if (calls++ === 0) throw new PaymentDeclined("card refused");
        return undefined;
      },
    }).run();
    const [error, empty] = api.posted;
    expect(error?.path).toBe("/prefix/2018-06-01/runtime/invocation/bad/error");
    expect(error?.headers["lambda-runtime-function-error-type"]).toBe("PaymentDeclined");
    const document = JSON.parse(error!.body);
    expect(document).toMatchObject({ errorType: "PaymentDeclined", errorMessage: "card refused" });
    expect(document.stackTrace.length).toBeGreaterThan(0);
    expect(empty).toMatchObject({ path: "/prefix/2018-06-01/runtime/invocation/void/response", body: "null" });
  });

  it("reports a failing handler load on /init/error and rejects without polling", async () => {
    const api = await fakeRuntimeApi([{ requestId: "never", body: "{}" }]);
    cleanup.push(api.close);
    const failure = Object.assign(new Error("Cannot find module ./missing"), { name: "Runtime.ImportModuleError" });
    await expect(new LambdaRuntime({ runtimeApi: api.runtimeApi, handler: { load: () => Promise.reject(failure) } }).run()).rejects.toThrow("Cannot find module");
    expect(api.polls).toEqual([]);
    expect(api.posted).toHaveLength(1);
    expect(api.posted[0]?.path).toBe("/prefix/2018-06-01/runtime/init/error");
    expect(api.posted[0]?.headers["lambda-runtime-function-error-type"]).toBe("Runtime.ImportModuleError");
    expect(JSON.parse(api.posted[0]!.body)).toMatchObject({ errorType: "Runtime.ImportModuleError", errorMessage: "Cannot find module ./missing" });
  });

  it("stops an open long poll when its signal aborts", async () => {
    const api = await fakeRuntimeApi([]);
    cleanup.push(api.close);
    const abort = new AbortController();
    const running = new LambdaRuntime({ runtimeApi: api.runtimeApi, handler: async () => "never", signal: abort.signal }).run();
    await new Promise((resolve) => setTimeout(resolve, 50));
    abort.abort();
    await expect(running).resolves.toBeUndefined();
    expect(api.polls).toHaveLength(1);
  });

  it("rejects when the Runtime API is unreachable", async () => {
    const api = await fakeRuntimeApi([]);
    const address = api.runtimeApi;
    await api.close();
    await expect(new LambdaRuntime({ runtimeApi: address, handler: async () => 1 }).run()).rejects.toMatchObject({ name: "RuntimeApiError" });
  });

  it("validates its options and the AWS_LAMBDA_RUNTIME_API value", () => {
    expect(runtimeApiBaseUrl("127.0.0.1:9001").href).toBe("http://127.0.0.1:9001/2018-06-01/runtime/");
    expect(runtimeApiBaseUrl("localhost:4126/runtime/orders/").href).toBe("http://localhost:4126/runtime/orders/2018-06-01/runtime/");
    expect(() => runtimeApiBaseUrl("")).toThrow(/runtimeApi/);
    expect(() => new LambdaRuntime({ runtimeApi: "x:1", handler: 42 as never })).toThrow(/handler/);
    expect(() => new LambdaRuntime({ runtimeApi: "x:1", handler: async () => 1, maxInvocations: 0 })).toThrow(/maxInvocations/);
  });

  it("loads `module.export` the way Lambda reads _HANDLER, with Runtime.* errors", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const root = mkdtempSync(join(tmpdir(), "durable-runtime-"));
    writeFileSync(join(root, "app.mjs"), "export const main = async (e) => ({ echo: e });\nexport const value = 1;\n");
    const handler = await loadHandlerModule(root, "app.main");
    expect(await handler({ a: 1 }, {} as never)).toEqual({ echo: { a: 1 } });
    await expect(loadHandlerModule(root, "app.value")).rejects.toMatchObject({ name: "Runtime.HandlerNotFound" });
    await expect(loadHandlerModule(root, "missing.main")).rejects.toMatchObject({ name: "Runtime.ImportModuleError" });
    await expect(loadHandlerModule(root, "nodot")).rejects.toMatchObject({ name: "Runtime.MalformedHandlerName" });
  });

  it("runBootstrap logs a rejection left over from an answered invocation and keeps serving: the next invocation answers", async () => {
    const api = await fakeRuntimeApi([
      { requestId: "req-1", body: "{}" },
      { requestId: "req-2", body: "{}" },
    ]);
    cleanup.push(api.close);
    const child = spawn(process.execPath, ["--import", "tsx", new URL("./fixtures/late-rejection-bootstrap.ts", import.meta.url).pathname], {
      env: { ...process.env, AWS_LAMBDA_RUNTIME_API: api.runtimeApi, NODE_OPTIONS: "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    cleanup.push(async () => void child.kill("SIGKILL"));
    const deadline = Date.now() + 20_000;
    while (api.posted.length < 2 && child.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(child.exitCode).toBeNull();
    expect(api.posted.map((p) => [p.path, p.body])).toEqual([
      ["/prefix/2018-06-01/runtime/invocation/req-1/response", '{"invocation":1}'],
      ["/prefix/2018-06-01/runtime/invocation/req-2/response", '{"invocation":2}'],
    ]);
    const line = stderr.split("\n").find((l) => l.includes("late rejection from invocation 1"));
    expect(JSON.parse(line ?? "null")).toMatchObject({ level: "WARN", requestId: "req-2", errorType: "Error", errorMessage: "late rejection from invocation 1" });
  });
});
