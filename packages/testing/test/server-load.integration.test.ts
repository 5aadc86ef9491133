import { Agent } from "node:http";
import { InvokeCommand, ListDurableExecutionsByFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { durableExecution } from "@durable-ts/sdk";
import { describe, expect, it } from "vitest";
import { LambdaRuntime } from "@durable-ts/sdk/runtime";
import { startLocalServer } from "../src/server/index.js";

const EXECUTIONS = 200;
const RUNTIMES = 8;
const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

describe("load", () => {
  it(`runs ${EXECUTIONS} concurrent executions through ${RUNTIMES} Runtime API loops and the HTTP checkpoint API, losing none`, async () => {
    const server = await startLocalServer({ port: 0, skipTime: true, functions: { short: { external: true } } });
    const options = {
      endpoint: server.url,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: EXECUTIONS + 16 }) },
    };
    const client = new LambdaClient({ ...options, maxAttempts: 1 });
    // The function's own client, as on Lambda: checkpoints and state travel over HTTP.
    const sdkClient = new LambdaClient({ ...options, maxAttempts: 3 });
    const handler = durableExecution(
      async (event: { i: number }, ctx) => {
        const a = await ctx.step("first", async () => event.i * 2);
        await ctx.wait("breathe", { seconds: 1 });
        return ctx.step("second", async () => a + 1);
      },
      { client: sdkClient, logger: quiet as never },
    );
    const abort = new AbortController();
    const loops = Array.from({ length: RUNTIMES }, () => new LambdaRuntime({ runtimeApi: server.runtimeApi("short"), handler, signal: abort.signal }).run());
    const started = Date.now();
    try {
      const results = await Promise.all(
        Array.from({ length: EXECUTIONS }, async (_, i) => {
          const out = await client.send(new InvokeCommand({ FunctionName: "short", DurableExecutionName: `load-${i}`, Payload: JSON.stringify({ i }) }));
          return { i, error: out.FunctionError, value: JSON.parse(Buffer.from(out.Payload!).toString()) };
        }),
      );
      const elapsed = Date.now() - started;
      expect(results.filter((r) => r.error !== undefined)).toEqual([]);
      expect(results.every((r) => r.value === r.i * 2 + 1)).toBe(true);
      expect(elapsed).toBeLessThan(20_000);
      const listed = await client.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: "short", Statuses: ["SUCCEEDED"], MaxItems: 1000 }));
      expect(new Set(listed.DurableExecutions!.map((e) => e.DurableExecutionName)).size).toBe(EXECUTIONS);
      // Every execution suspended once at its wait and was invoked exactly twice.
      const invocationCounts = server.backend.listExecutionArns().map((arn) => server.backend.getInvocations(arn).length);
      expect(invocationCounts.every((n) => n === 2)).toBe(true);
    } finally {
      abort.abort();
      await Promise.allSettled(loops);
      client.destroy();
      sdkClient.destroy();
      await server.close();
    }
  });
});
