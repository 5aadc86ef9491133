import {
  CheckpointDurableExecutionCommand,
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  GetDurableExecutionStateCommand,
  InvokeCommand,
  ListDurableExecutionsByFunctionCommand,
  SendDurableExecutionCallbackFailureCommand,
  SendDurableExecutionCallbackHeartbeatCommand,
  SendDurableExecutionCallbackSuccessCommand,
  StopDurableExecutionCommand,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer, type LocalServer } from "../src/server/index.js";
import { localClient, quiet, TestRuntimeClient, withRawBody } from "./server-support.js";

const UNKNOWN_ARN = "arn:aws:lambda:us-east-1:123456789012:function:ghost:$LATEST/durable-execution/nobody/00000000-0000-0000-0000-000000000000";

function text(payload: Uint8Array | undefined): string {
  return Buffer.from(payload ?? new Uint8Array()).toString("utf8");
}

async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error("expected the call to fail");
}

let server: LocalServer;
let client: LambdaClient;

beforeAll(async () => {
  server = await startLocalServer({
    port: 0,
    skipTime: true,
    functions: {
      greet: quiet(async (event: { name: string }, ctx) => ctx.step("greet", async () => `hello ${event.name}`)),
      approve: quiet(async (_event, ctx) => {
        const [result] = await ctx.createCallback<string>("approval");
        return { approval: await result };
      }),
      explode: quiet(async (_event, ctx) => {
        await ctx.step("prepare", async () => 1);
        throw new TypeError("exploded on purpose");
      }),
      played: { external: true },
    },
  });
  client = localClient(server.url);
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

describe("Invoke with a durable execution name", () => {
  it("starts once per name and payload; the same name with another payload is DurableExecutionAlreadyStartedException (409)", async () => {
    const invoke = (payload: unknown) =>
      client.send(new InvokeCommand({ FunctionName: "greet", DurableExecutionName: "idempotent-1", Payload: JSON.stringify(payload) }));
    const first = await invoke({ name: "Ada" });
    const second = await invoke({ name: "Ada" });
    expect(first.StatusCode).toBe(200);
    expect(text(first.Payload)).toBe('"hello Ada"');
    expect(second.DurableExecutionArn).toBe(first.DurableExecutionArn);
    expect(text(second.Payload)).toBe('"hello Ada"');
    expect(first.DurableExecutionArn).toMatch(/:function:greet:\$LATEST\/durable-execution\/idempotent-1\//);
    expect(await rejection(invoke({ name: "Grace" }))).toMatchObject({ name: "DurableExecutionAlreadyStartedException", status: 409 });
    const listed = await client.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: "greet", DurableExecutionName: "idempotent-1" }));
    expect(listed.DurableExecutions).toHaveLength(1);
  });

  it("answers an Event invoke with 202 and the ARN at once, the execution running on", async () => {
    const started = await client.send(new InvokeCommand({ FunctionName: "approve", InvocationType: "Event", DurableExecutionName: "async-1" }));
    expect(started.StatusCode).toBe(202);
    expect(started.DurableExecutionArn).toContain("/durable-execution/async-1/");
    const arn = started.DurableExecutionArn!;
    let callbackId: string | undefined;
    for (let i = 0; i < 100 && !callbackId; i++) {
      callbackId = server.backend.getOperations(arn).find((op) => op.Type === "CALLBACK")?.CallbackDetails?.CallbackId;
      if (!callbackId) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }))).Status).toBe("RUNNING");
    await client.send(new SendDurableExecutionCallbackHeartbeatCommand({ CallbackId: callbackId! }));
    await client.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: callbackId!, Result: Buffer.from("yes") }));
    // The same name again waits for the end (RequestResponse) and answers the result.
    const again = await client.send(new InvokeCommand({ FunctionName: "approve", DurableExecutionName: "async-1" }));
    expect(again.DurableExecutionArn).toBe(arn);
    expect(JSON.parse(text(again.Payload))).toEqual({ approval: "yes" });
    // A closed callback cannot complete again.
    expect(await rejection(client.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: callbackId!, Result: Buffer.from("twice") })))).toMatchObject({
      name: "CallbackTimeoutException",
      status: 400,
    });
  });

  it("answers a failed execution with X-Amz-Function-Error and Lambda's error document", async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: "explode", Payload: "{}" }));
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe("Unhandled");
    expect(JSON.parse(text(out.Payload))).toMatchObject({ errorType: "TypeError", errorMessage: "exploded on purpose" });
    const execution = await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: out.DurableExecutionArn }));
    expect(execution).toMatchObject({ Status: "FAILED", Error: { ErrorType: "TypeError" } });
    expect(execution.StartTimestamp).toBeInstanceOf(Date);
    expect(execution.EndTimestamp).toBeInstanceOf(Date);
  });

  it("rejects unknown functions, unparseable payloads and bad names without starting anything", async () => {
    const before = server.backend.listExecutionArns().length;
    expect(await rejection(client.send(new InvokeCommand({ FunctionName: "nope", Payload: "{}" })))).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    expect(await rejection(client.send(new InvokeCommand({ FunctionName: "greet", Payload: "{not json" })))).toMatchObject({
      name: "InvalidRequestContentException",
      status: 400,
    });
    expect(await rejection(client.send(new InvokeCommand({ FunctionName: "greet", DurableExecutionName: "bad name!", Payload: "{}" })))).toMatchObject({
      name: "InvalidParameterValueException",
      status: 400,
    });
    const dry = await client.send(new InvokeCommand({ FunctionName: "greet", InvocationType: "DryRun", Payload: "{}" }));
    expect(dry.StatusCode).toBe(204);
    expect(server.backend.listExecutionArns()).toHaveLength(before);
  });
});

describe("durable execution routes", () => {
  it("reads, pages and stops executions; lists them by function with filters", async () => {
    const a = await client.send(new InvokeCommand({ FunctionName: "approve", InvocationType: "Event", DurableExecutionName: "list-a" }));
    const b = await client.send(new InvokeCommand({ FunctionName: "approve", InvocationType: "Event", DurableExecutionName: "list-b" }));
    const stopped = await client.send(
      new StopDurableExecutionCommand({ DurableExecutionArn: a.DurableExecutionArn, Error: { ErrorType: "Cancelled", ErrorMessage: "by the test" } }),
    );
    expect(stopped.StopTimestamp).toBeInstanceOf(Date);
    await client.send(new StopDurableExecutionCommand({ DurableExecutionArn: b.DurableExecutionArn }));
    const execution = await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: a.DurableExecutionArn }));
    expect(execution).toMatchObject({ Status: "STOPPED", DurableExecutionName: "list-a", Error: { ErrorType: "Cancelled" } });

    const stoppedList = await client.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: "approve", Statuses: ["STOPPED"], MaxItems: 1 }));
    expect(stoppedList.DurableExecutions).toHaveLength(1);
    expect(stoppedList.DurableExecutions![0]?.DurableExecutionName).toBe("list-b"); // newest first
    expect(stoppedList.DurableExecutions![0]?.StartTimestamp).toBeInstanceOf(Date);
    const rest = await client.send(
      new ListDurableExecutionsByFunctionCommand({ FunctionName: "approve", Statuses: ["STOPPED"], MaxItems: 1, Marker: stoppedList.NextMarker }),
    );
    expect(rest.DurableExecutions!.map((e) => e.DurableExecutionName)).toEqual(["list-a"]);
    const oldestFirst = await client.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: "approve", Statuses: ["STOPPED"], ReverseOrder: true }));
    expect(oldestFirst.DurableExecutions!.map((e) => e.DurableExecutionName)).toEqual(["list-a", "list-b"]);
    const none = await client.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: "approve", StartedAfter: new Date(Date.now() + 86_400_000) }));
    expect(none.DurableExecutions).toEqual([]);

    const history = await client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: a.DurableExecutionArn, MaxItems: 2 }));
    expect(history.Events!.map((e) => e.EventType)).toEqual(["ExecutionStarted", "CallbackStarted"]);
    expect(history.Events![0]?.EventTimestamp).toBeInstanceOf(Date);
    const more = await client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: a.DurableExecutionArn, Marker: history.NextMarker }));
    expect(more.Events!.map((e) => e.EventType)).toContain("ExecutionStopped");
    const newest = await client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: a.DurableExecutionArn, ReverseOrder: true, MaxItems: 1 }));
    expect(newest.Events![0]?.EventType).toBe("ExecutionStopped");
    expect(await rejection(client.send(new StopDurableExecutionCommand({ DurableExecutionArn: a.DurableExecutionArn })))).toMatchObject({
      name: "InvalidParameterValueException",
    });
  });

  it("serves checkpoint and state to a function played by the test, with the token chain", async () => {
    const runtime = new TestRuntimeClient(server.runtimeApi("played"));
    const started = await client.send(new InvokeCommand({ FunctionName: "played", InvocationType: "Event", Payload: '{"x":1}' }));
    const { requestId, event, headers } = await runtime.next();
    expect(event.DurableExecutionArn).toBe(started.DurableExecutionArn);
    expect(headers.get("lambda-runtime-aws-request-id")).toBe(requestId);
    const execOp = event.InitialExecutionState.Operations[0];
    expect(execOp).toMatchObject({ Type: "EXECUTION", Status: "STARTED", ExecutionDetails: { InputPayload: '{"x":1}' } });
    expect(typeof execOp.StartTimestamp).toBe("number"); // epoch ms, as the service sends events

    const arn = event.DurableExecutionArn as string;
    const stepId = "c4ca4238a0b92382";
    const first = await client.send(
      new CheckpointDurableExecutionCommand({
        DurableExecutionArn: arn,
        CheckpointToken: event.CheckpointToken,
        Updates: [
          { Id: stepId, Type: "STEP", SubType: "Step", Name: "one", Action: "START" },
          { Id: stepId, Type: "STEP", SubType: "Step", Name: "one", Action: "SUCCEED", Payload: "1" },
          { Id: "c81e728d9d4c2f63", Type: "WAIT", SubType: "Wait", Action: "START", WaitOptions: { WaitSeconds: 60 } },
        ],
      }),
    );
    expect(first.CheckpointToken).toBeTruthy();
    const wait = first.NewExecutionState!.Operations!.find((op) => op.Type === "WAIT")!;
    expect(wait.WaitDetails!.ScheduledEndTimestamp).toBeInstanceOf(Date);
    expect(wait.WaitDetails!.ScheduledEndTimestamp!.getTime() - wait.StartTimestamp!.getTime()).toBe(60_000);
    // The consumed token is stale now.
    expect(
      await rejection(client.send(new CheckpointDurableExecutionCommand({ DurableExecutionArn: arn, CheckpointToken: event.CheckpointToken, Updates: [] }))),
    ).toMatchObject({
      name: "InvalidParameterValueException",
      message: expect.stringMatching(/^Invalid checkpoint token/),
    });
    const state = await client.send(new GetDurableExecutionStateCommand({ DurableExecutionArn: arn, CheckpointToken: first.CheckpointToken, MaxItems: 2 }));
    expect(state.Operations!.map((op) => op.Type)).toEqual(["EXECUTION", "STEP"]);
    const page2 = await client.send(new GetDurableExecutionStateCommand({ DurableExecutionArn: arn, CheckpointToken: first.CheckpointToken, Marker: state.NextMarker }));
    expect(page2.Operations!.map((op) => op.Type)).toEqual(["WAIT"]);
    expect((await runtime.respond(requestId, { Status: "PENDING" })).status).toBe(202);
    // The wait ends (skipped time) and the function is invoked again.
    const second = await runtime.next();
    expect(second.event.InitialExecutionState.Operations.map((op: { Type: string; Status: string }) => `${op.Type}:${op.Status}`)).toEqual([
      "EXECUTION:STARTED",
      "STEP:SUCCEEDED",
      "WAIT:SUCCEEDED",
    ]);
    await runtime.respond(second.requestId, { Status: "SUCCEEDED", Result: '"done"' });
    const result = await client.send(new InvokeCommand({ FunctionName: "played", DurableExecutionName: arn.split("/")[2], Payload: '{"x":1}' }));
    expect(text(result.Payload)).toBe('"done"');
  });
});

describe("malformed requests", () => {
  it("answer the service's errors and change nothing", async () => {
    const runtime = new TestRuntimeClient(server.runtimeApi("played"));
    await client.send(new InvokeCommand({ FunctionName: "played", InvocationType: "Event", DurableExecutionName: "malformed" }));
    const { requestId, event } = await runtime.next();
    const arn = event.DurableExecutionArn as string;
    const token = event.CheckpointToken as string;
    const snapshot = () => JSON.stringify({ ops: server.backend.getOperations(arn), history: server.backend.checkpointedUpdates(arn) });
    const before = snapshot();
    const raw = (body: string) => withRawBody(localClient(server.url), body);
    const checkpoint = (c: LambdaClient) => c.send(new CheckpointDurableExecutionCommand({ DurableExecutionArn: arn, CheckpointToken: token, Updates: [] }));

    expect(await rejection(checkpoint(raw("{not json")))).toMatchObject({ name: "InvalidRequestContentException", status: 400 });
    expect(await rejection(checkpoint(raw("[1,2]")))).toMatchObject({ name: "InvalidRequestContentException", status: 400 });
    expect(await rejection(checkpoint(raw('{"CheckpointToken":5}')))).toMatchObject({
      name: "InvalidRequestContentException",
      message: expect.stringContaining("CheckpointToken"),
    });
    expect(await rejection(checkpoint(raw(`{"CheckpointToken":"${token}","Updates":{"Id":"x"}}`)))).toMatchObject({ name: "InvalidRequestContentException" });
    expect(
      await rejection(
        client.send(
          new CheckpointDurableExecutionCommand({ DurableExecutionArn: arn, CheckpointToken: token, Updates: [{ Id: "a", Type: "BOGUS" as never, Action: "START" }] }),
        ),
      ),
    ).toMatchObject({ name: "InvalidParameterValueException", status: 400, message: expect.stringContaining("Type") });
    expect(
      await rejection(withRawBody(localClient(server.url), "{oops").send(new SendDurableExecutionCallbackFailureCommand({ CallbackId: "anything", Error: {} }))),
    ).toMatchObject({ name: "InvalidRequestContentException" });
    expect(await rejection(client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, MaxItems: 5000 })))).toMatchObject({
      name: "InvalidParameterValueException",
      message: expect.stringContaining("MaxItems"),
    });
    expect(snapshot()).toBe(before);
    // The token still works: nothing was consumed.
    const ok = await checkpoint(client);
    expect(ok.CheckpointToken).toBeTruthy();
    await runtime.respond(requestId, { Status: "SUCCEEDED" });
  });

  it("unknown ARNs are ResourceNotFoundException on every execution route", async () => {
    const calls = [
      () => client.send(new GetDurableExecutionCommand({ DurableExecutionArn: UNKNOWN_ARN })),
      () => client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: UNKNOWN_ARN })),
      () => client.send(new GetDurableExecutionStateCommand({ DurableExecutionArn: UNKNOWN_ARN, CheckpointToken: "x" })),
      () => client.send(new CheckpointDurableExecutionCommand({ DurableExecutionArn: UNKNOWN_ARN, CheckpointToken: "x", Updates: [] })),
      () => client.send(new StopDurableExecutionCommand({ DurableExecutionArn: UNKNOWN_ARN })),
      () => client.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: "ghost" })),
    ];
    for (const call of calls) expect(await rejection(call())).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
  });

  it("unknown callback ids are ResourceNotFoundException", async () => {
    const id = "no-such-callback/with+odd=chars";
    for (const call of [
      () => client.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: id, Result: Buffer.from('"x"') })),
      () => client.send(new SendDurableExecutionCallbackFailureCommand({ CallbackId: id, Error: { ErrorMessage: "no" } })),
      () => client.send(new SendDurableExecutionCallbackHeartbeatCommand({ CallbackId: id })),
    ]) {
      expect(await rejection(call())).toMatchObject({ name: "ResourceNotFoundException", status: 404, message: expect.stringContaining(id) });
    }
  });

  it("unknown routes are UnknownOperationException; /health answers", async () => {
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const unknown = await fetch(`${server.url}/2025-12-01/nothing-here`, { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    const badEncoding = await fetch(`${server.url}/2025-12-01/durable-executions/%E0%A4%A/history`);
    expect(badEncoding.status).toBe(400);
    expect(badEncoding.headers.get("x-amzn-errortype")).toBe("InvalidParameterValueException");
  });
});

describe("server options", () => {
  it("checkpointLatencyMs delays every checkpoint by a real round trip", async () => {
    const slow = await startLocalServer({ port: 0, checkpointLatencyMs: 150, functions: { f: { external: true } } });
    const slowClient = localClient(slow.url);
    try {
      const started = Date.now();
      await rejection(slowClient.send(new CheckpointDurableExecutionCommand({ DurableExecutionArn: UNKNOWN_ARN, CheckpointToken: "x", Updates: [] })));
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(slow.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(slow.runtimeApi("f")).toBe(`127.0.0.1:${slow.port}/runtime/f`);
      expect(() => slow.runtimeApi("g")).toThrow(/external/);
    } finally {
      slowClient.destroy();
      await slow.close();
    }
  });

  it("rejects bad options", async () => {
    await expect(startLocalServer({ port: 70_000 })).rejects.toThrow(/port/);
    await expect(startLocalServer({ port: 0, checkpointLatencyMs: -1 })).rejects.toThrow(/checkpointLatencyMs/);
    await expect(startLocalServer({ port: 0, functions: { "bad name": { external: true } } })).rejects.toThrow(/name/);
  });
});
