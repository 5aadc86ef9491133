/**
 * The runtime loop of `@durable-ts/sdk/runtime` against the local server's real Runtime API,
 * invoked with the real LambdaClient: per-phase metrics, the trace id on the context, and a
 * refused `/response` reported through `/error`.
 */
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { durableExecution } from "@durable-ts/sdk";
import { lambdaHandler } from "@durable-ts/sdk/lambda";
import { LambdaRuntime, type InvocationPhaseMetrics } from "@durable-ts/sdk/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startLocalServer, type LocalServer } from "../src/server/index.js";
import { localClient } from "./server-support.js";

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

async function serve(
  handler: (event: any, context: any) => unknown,
  o: { durable?: boolean; metrics?: boolean | ((m: InvocationPhaseMetrics) => void); timeoutMs?: number } = {},
) {
  const server: LocalServer = await startLocalServer({ port: 0, functions: { fn: { external: true, durable: o.durable ?? false, timeoutMs: o.timeoutMs ?? 10_000 } } });
  const abort = new AbortController();
  const runtime = new LambdaRuntime({ runtimeApi: server.runtimeApi("fn"), handler, signal: abort.signal, metrics: o.metrics ?? false });
  const running = runtime.run().catch((error: unknown) => error);
  stops.push(async () => {
    abort.abort();
    await server.close();
    await running;
  });
  const client = localClient(server.url);
  const invoke = async (payload: unknown, name?: string) => {
    const out = await client.send(new InvokeCommand({ FunctionName: "fn", Payload: JSON.stringify(payload), DurableExecutionName: name }));
    return { error: out.FunctionError, body: JSON.parse(Buffer.from(out.Payload ?? new Uint8Array()).toString() || "null") };
  };
  return { server, invoke, running };
}

describe("the runtime loop behind the local server's Runtime API", () => {
  it("reports a /response the Runtime API refuses (413) through /error and serves the next invocation", async () => {
    let calls = 0;
    const { invoke } = await serve(() => (calls++ === 0 ? "x".repeat(7 * 1024 * 1024) : "small"), { timeoutMs: 5_000 });
    const first = await invoke({});
    expect(first.error).toBe("Unhandled");
    expect(first.body).toMatchObject({ errorType: "Function.ResponseSizeTooLarge" });
    expect(first.body.errorMessage).toMatch(/Response payload size \(7340034 bytes\) exceeded/);
    expect(await invoke({})).toEqual({ error: undefined, body: "small" });
  });

  it("puts the invocation's trace id on the context object", async () => {
    const { invoke } = await serve((_event, context) => ({ traceId: context.xRayTraceId, env: process.env._X_AMZN_TRACE_ID ?? null }));
    const { body } = await invoke({});
    expect(body.traceId).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$/);
  });

  it("writes one invocation.metrics record per invocation with every phase", async () => {
    const lines: InvocationPhaseMetrics[] = [];
    const handler = lambdaHandler({
      validate: z.object({ ms: z.number() }),
      handle: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, event.ms));
        return { slept: event.ms };
      },
    });
    const { invoke } = await serve(handler, { metrics: (m) => lines.push(m) });
    await invoke({ ms: 30 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    await invoke({ ms: "bad" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines).toHaveLength(2);
    const [ok, bad] = lines as [InvocationPhaseMetrics, InvocationPhaseMetrics]; // length asserted above
    for (const field of ["next_ms", "unmarshal_ms", "validate_ms", "handler_ms", "marshal_ms", "post_ms", "total_ms"]) {
      expect(ok[field], field).toBeTypeOf("number");
      expect(bad[field], field).toBeTypeOf("number");
    }
    expect(ok).toMatchObject({ outcome: "SUCCEEDED", cold_start: true });
    expect(ok.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.handler_ms).toBeGreaterThanOrEqual(25);
    expect(ok.total_ms).toBeGreaterThanOrEqual(ok.unmarshal_ms + ok.validate_ms + ok.handler_ms + ok.marshal_ms + ok.post_ms - 0.05);
    expect(bad).toMatchObject({ outcome: "FAILED", cold_start: false, handler_ms: 0 });
    // The loop waited for the second event while the test slept.
    expect(bad.next_ms).toBeGreaterThanOrEqual(50);
  });

  it("adds the phases to a durable handler's own figures, in one record", async () => {
    const lines: Record<string, unknown>[] = [];
    const server = await startLocalServer({ port: 0, functions: { fn: { external: true } } });
    const handler = durableExecution(async (event: { n: number }, ctx) => ctx.step("double", async () => event.n * 2), {
      client: localClient(server.url),
      logger: { log() {}, debug() {}, info() {}, warn() {}, error() {} } as never,
    });
    const abort = new AbortController();
    const running = new LambdaRuntime({ runtimeApi: server.runtimeApi("fn"), handler, signal: abort.signal, metrics: (m) => lines.push(m) }).run().catch(() => undefined);
    stops.push(async () => {
      abort.abort();
      await server.close();
      await running;
    });
    const out = await localClient(server.url).send(
      new InvokeCommand({ FunctionName: "fn", Payload: JSON.stringify({ n: 21 }), DurableExecutionName: "metrics-durable" }),
    );
    expect(JSON.parse(Buffer.from(out.Payload!).toString())).toBe(42);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ outcome: "SUCCEEDED", executionArn: out.DurableExecutionArn, ops: { executed: 1 } });
    expect(lines[0]?.ms).toMatchObject({ loadState: expect.any(Number), checkpointWait: expect.any(Number) });
    for (const field of ["next_ms", "unmarshal_ms", "handler_ms", "marshal_ms", "post_ms", "total_ms"]) expect(lines[0]?.[field], field).toBeTypeOf("number");
  });

  it("answers LogType Tail with a REPORT line whose duration covers the handler", async () => {
    const { server } = await serve(async () => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      return "done";
    });
    const out = await localClient(server.url).send(new InvokeCommand({ FunctionName: "fn", Payload: "{}", LogType: "Tail" }));
    const log = Buffer.from(out.LogResult!, "base64").toString("utf8");
    expect(log).toMatch(
      /^START RequestId: [0-9a-f-]{36} Version: \$LATEST\nEND RequestId: [0-9a-f-]{36}\nREPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\t\n$/,
    );
    expect(Number(/Duration: ([\d.]+) ms/.exec(log)![1])).toBeGreaterThanOrEqual(35);
  });

  it("takes no timings and offers no sink with metrics off", async () => {
    const { invoke } = await serve((_event, context) => ({ sink: context.invocationMetrics === undefined ? "none" : "present" }), { metrics: false });
    expect((await invoke({})).body).toEqual({ sink: "none" });
  });
});
