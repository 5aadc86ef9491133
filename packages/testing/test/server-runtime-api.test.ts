import { GetDurableExecutionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { startLocalServer } from "../src/server/index.js";
import { localClient, TestRuntimeClient } from "./server-support.js";

describe("the Runtime API of an external function", () => {
  it("hands out invocations with the request id, deadline, function ARN and trace headers", async () => {
    const server = await startLocalServer({ port: 0, functions: { fn: { external: true, timeoutMs: 30_000 } } });
    const client = localClient(server.url);
    try {
      const runtime = new TestRuntimeClient(server.runtimeApi("fn"));
      const polling = runtime.next(); // polls before any invocation exists: a long poll
      await client.send(new InvokeCommand({ FunctionName: "fn", InvocationType: "Event", DurableExecutionName: "headers" }));
      const { requestId, headers, event, status } = await polling;
      expect(status).toBe(200);
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const deadline = Number(headers.get("lambda-runtime-deadline-ms"));
      expect(deadline - Date.now()).toBeGreaterThan(25_000);
      expect(deadline - Date.now()).toBeLessThanOrEqual(30_000);
      expect(headers.get("lambda-runtime-invoked-function-arn")).toBe("arn:aws:lambda:us-east-1:123456789012:function:fn");
      expect(headers.get("lambda-runtime-trace-id")).toMatch(/^Root=1-/);
      expect(Object.keys(event).sort()).toEqual(["CheckpointToken", "DurableExecutionArn", "InitialExecutionState"]);
      // The invocation's request id is the one history records.
      expect((await runtime.respond(requestId, { Status: "SUCCEEDED", Result: "1" })).status).toBe(202);
      const done = await client.send(new InvokeCommand({ FunctionName: "fn", DurableExecutionName: "headers" }));
      expect(Buffer.from(done.Payload!).toString()).toBe("1");
      expect(server.backend.getInvocations(event.DurableExecutionArn).map((i) => i.requestId)).toEqual([requestId]);
      // Answering twice, or an unknown id, is refused in the Runtime API's own error shape.
      const again = await runtime.respond(requestId, { Status: "SUCCEEDED" });
      expect(again.status).toBe(400);
      expect(await again.json()).toMatchObject({ errorType: "InvalidRequestID" });
      const unknownFn = await fetch(`${server.url}/runtime/nobody/2018-06-01/runtime/invocation/next`);
      expect(unknownFn.status).toBe(404);
      expect(await unknownFn.json()).toMatchObject({ errorType: "ResourceNotFound" });
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it("retries an invocation that posted /error, and fails the execution after five in a row", async () => {
    const server = await startLocalServer({ port: 0, skipTime: true, functions: { fn: { external: true } } });
    const client = localClient(server.url);
    try {
      const runtime = new TestRuntimeClient(server.runtimeApi("fn"));
      const started = await client.send(new InvokeCommand({ FunctionName: "fn", InvocationType: "Event" }));
      const requestIds = new Set<string>();
      for (let attempt = 1; attempt <= 5; attempt++) {
        const { requestId } = await runtime.next();
        requestIds.add(requestId);
        expect((await runtime.fail(requestId, { errorType: "Boom", errorMessage: `attempt ${attempt}` })).status).toBe(202);
      }
      expect(requestIds.size).toBe(5);
      let execution;
      for (let i = 0; i < 100; i++) {
        execution = await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: started.DurableExecutionArn }));
        if (execution.Status !== "RUNNING") break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(execution).toMatchObject({ Status: "FAILED", Error: { ErrorType: "Boom", ErrorMessage: "attempt 5" } });
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it("times out an invocation with no answer within the function's timeout, then invokes again", async () => {
    const server = await startLocalServer({ port: 0, skipTime: true, functions: { slow: { external: true, timeoutMs: 100 } } });
    const client = localClient(server.url);
    try {
      const runtime = new TestRuntimeClient(server.runtimeApi("slow"));
      const started = await client.send(new InvokeCommand({ FunctionName: "slow", InvocationType: "Event" }));
      const first = await runtime.next(); // never answered
      const second = await runtime.next();
      expect(second.requestId).not.toBe(first.requestId);
      const late = await runtime.respond(first.requestId, { Status: "SUCCEEDED" });
      expect(late.status).toBe(400);
      await runtime.respond(second.requestId, { Status: "SUCCEEDED", Result: '"second"' });
      const invocations = server.backend.getInvocations(started.DurableExecutionArn!);
      expect(invocations[0]).toMatchObject({ status: "THROWN", error: { ErrorType: "Sandbox.Timedout" } });
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it("fails queued invocations with an init error until a process polls again", async () => {
    const server = await startLocalServer({ port: 0, skipTime: true, functions: { fn: { external: true } } });
    const client = localClient(server.url);
    try {
      const runtime = new TestRuntimeClient(server.runtimeApi("fn"));
      expect((await runtime.initError({ errorType: "Runtime.ImportModuleError", errorMessage: "Cannot find module 'x'" })).status).toBe(202);
      const out = await client.send(new InvokeCommand({ FunctionName: "fn", Payload: "{}" }));
      expect(out.FunctionError).toBe("Unhandled");
      expect(JSON.parse(Buffer.from(out.Payload!).toString())).toMatchObject({ errorType: "Runtime.ImportModuleError" });
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
