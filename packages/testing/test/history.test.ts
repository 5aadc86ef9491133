import { GetDurableExecutionCommand, GetDurableExecutionHistoryCommand, GetDurableExecutionStateCommand } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { InMemoryBackend, TestResult } from "@durable-ts/testing";
import { fetchHistory, loadHistory, type LambdaClientLike } from "../src/history/index.js";
import { orderRunner, orderWorkflow, runWithHistory, START } from "./fixtures/workflows.js";
import { packingWorkflow, suspendAtWait } from "./fixtures/packing.js";

const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);
const id = {
  charge: "c4ca4238a0b92382",
  coolDown: "c81e728d9d4c2f63",
  pack: "eccbc87e4b5ce2fe",
  box: "c9e6e7b69f98f516",
  approval: "a87ff679a2f3e71d",
  ship: "e4da3b7fbbce2345",
};

describe("TestResult.getHistoryEvents", () => {
  it("lists every event of a run with a retried step, a wait, a child context, a callback and a chained invoke, in the service's shapes", async () => {
    const result = await runWithHistory(orderRunner(orderWorkflow()), { payload: { orderId: 42 } });
    const events = result.getHistoryEvents();
    const executionId = events[0]!.Id;
    const invocation = (seconds: number) => ({
      EventType: "InvocationCompleted",
      EventId: expect.any(Number),
      EventTimestamp: at(seconds),
      InvocationCompletedDetails: { StartTimestamp: at(seconds), EndTimestamp: at(seconds), RequestId: expect.any(String) },
    });
    const step = { SubType: "Step", Id: id.charge, Name: "charge" };
    expect(events).toEqual([
      {
        EventType: "ExecutionStarted",
        EventId: 1,
        EventTimestamp: at(0),
        Id: executionId,
        ExecutionStartedDetails: { Input: { Payload: '{"orderId":42}', Truncated: false } },
      },
      { EventType: "StepStarted", EventId: 2, EventTimestamp: at(0), ...step, StepStartedDetails: {} },
      {
        EventType: "StepFailed",
        EventId: 3,
        EventTimestamp: at(0),
        ...step,
        StepFailedDetails: {
          Error: { Payload: { ErrorType: "Error", ErrorMessage: "card declined" }, Truncated: false },
          RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 2 },
        },
      },
      invocation(0),
      { EventType: "StepStarted", EventId: 5, EventTimestamp: at(2), ...step, StepStartedDetails: {} },
      {
        EventType: "StepSucceeded",
        EventId: 6,
        EventTimestamp: at(2),
        ...step,
        StepSucceededDetails: { Result: { Payload: '{"charged":42,"attempt":2}', Truncated: false }, RetryDetails: { CurrentAttempt: 2 } },
      },
      {
        EventType: "WaitStarted",
        EventId: 7,
        EventTimestamp: at(2),
        SubType: "Wait",
        Id: id.coolDown,
        Name: "cool-down",
        WaitStartedDetails: { Duration: 10, ScheduledEndTimestamp: at(12) },
      },
      invocation(2),
      { EventType: "WaitSucceeded", EventId: 9, EventTimestamp: at(12), SubType: "Wait", Id: id.coolDown, Name: "cool-down", WaitSucceededDetails: { Duration: 10 } },
      { EventType: "ContextStarted", EventId: 10, EventTimestamp: at(12), SubType: "RunInChildContext", Id: id.pack, Name: "pack", ContextStartedDetails: {} },
      { EventType: "StepStarted", EventId: 11, EventTimestamp: at(12), SubType: "Step", Id: id.box, Name: "box", ParentId: id.pack, StepStartedDetails: {} },
      {
        EventType: "StepSucceeded",
        EventId: 12,
        EventTimestamp: at(12),
        SubType: "Step",
        Id: id.box,
        Name: "box",
        ParentId: id.pack,
        StepSucceededDetails: { Result: { Payload: '"box-42"', Truncated: false }, RetryDetails: { CurrentAttempt: 1 } },
      },
      {
        EventType: "ContextSucceeded",
        EventId: 13,
        EventTimestamp: at(12),
        SubType: "RunInChildContext",
        Id: id.pack,
        Name: "pack",
        ContextSucceededDetails: { Result: { Payload: '"box-42"', Truncated: false } },
      },
      {
        EventType: "CallbackStarted",
        EventId: 14,
        EventTimestamp: at(12),
        SubType: "Callback",
        Id: id.approval,
        Name: "approval",
        CallbackStartedDetails: { CallbackId: expect.any(String), Timeout: 300 },
      },
      invocation(12),
      {
        EventType: "CallbackSucceeded",
        EventId: 16,
        EventTimestamp: at(12),
        SubType: "Callback",
        Id: id.approval,
        Name: "approval",
        CallbackSucceededDetails: { Result: { Payload: "yes", Truncated: false } },
      },
      {
        EventType: "ChainedInvokeStarted",
        EventId: 17,
        EventTimestamp: at(12),
        SubType: "ChainedInvoke",
        Id: id.ship,
        Name: "ship",
        ChainedInvokeStartedDetails: { FunctionName: "shipper", Input: { Payload: '{"orderId":42}', Truncated: false } },
      },
      {
        EventType: "ChainedInvokeSucceeded",
        EventId: 18,
        EventTimestamp: at(12),
        SubType: "ChainedInvoke",
        Id: id.ship,
        Name: "ship",
        ChainedInvokeSucceededDetails: { Result: { Payload: '{"tracking":"T-42"}', Truncated: false } },
      },
      invocation(12),
      invocation(12),
      {
        EventType: "ExecutionSucceeded",
        EventId: 21,
        EventTimestamp: at(12),
        Id: executionId,
        ExecutionSucceededDetails: {
          Result: { Payload: '{"charged":42,"attempt":2,"box":"box-42","approved":"yes","tracking":"T-42"}', Truncated: false },
        },
      },
    ]);
    expect(events.map((event) => event.EventId)).toEqual(events.map((_, index) => index + 1));
    expect(executionId).toBe(result.getHistory().executionArn?.split("/").at(-1));
  });

  it("hands out copies: changing the returned events changes nothing recorded", async () => {
    const result = await runWithHistory(orderRunner(orderWorkflow()), { payload: { orderId: 1 } });
    result.getHistoryEvents()[0]!.EventType = "ExecutionFailed";
    expect(result.getHistoryEvents()[0]?.EventType).toBe("ExecutionStarted");
  });

  it("throws, naming the missing field, when the runner recorded no history", () => {
    const bare = new TestResult({ status: "SUCCEEDED", operations: [], invocations: [] });
    expect(() => bare.getHistoryEvents()).toThrow(/carries no history events: the runner must pass TestResultData.history/);
  });
});

describe("TestResult.getHistory", () => {
  it("exports every operation, EXECUTION first, with input and result; JSON text loads back equal, timestamps as Dates", async () => {
    const result = await runWithHistory(orderRunner(orderWorkflow()), { payload: { orderId: 42 } });
    const fixture = result.getHistory();
    expect(fixture).toMatchObject({
      formatVersion: 1,
      executionArn: expect.stringMatching(/^arn:aws:lambda:.*\/durable-execution\//),
      input: '{"orderId":42}',
      result: '{"charged":42,"attempt":2,"box":"box-42","approved":"yes","tracking":"T-42"}',
    });
    expect(fixture.operations.map((op) => [op.Type, op.Name, op.Status])).toEqual([
      ["EXECUTION", undefined, "SUCCEEDED"],
      ["STEP", "charge", "SUCCEEDED"],
      ["WAIT", "cool-down", "SUCCEEDED"],
      ["CONTEXT", "pack", "SUCCEEDED"],
      ["STEP", "box", "SUCCEEDED"],
      ["CALLBACK", "approval", "SUCCEEDED"],
      ["CHAINED_INVOKE", "ship", "SUCCEEDED"],
    ]);
    const text = JSON.stringify(fixture);
    expect(text).toContain('"StartTimestamp":"2026-01-01T00:00:00.000Z"');
    const loaded = loadHistory(text);
    expect(loaded).toEqual(fixture);
    expect(loaded.operations[2]?.WaitDetails?.ScheduledEndTimestamp).toEqual(at(12));
  });

  it("records the error, not a result, of a failed execution", async () => {
    const failing = orderRunner(packingWorkflow("box", { failSeal: true }));
    const result = await runWithHistory(failing);
    const fixture = result.getHistory();
    expect(result.getStatus()).toBe("FAILED");
    expect(fixture.result).toBeUndefined();
    expect(fixture.error).toMatchObject({ ErrorType: "ChildContextError", ErrorMessage: "seal jammed" });
  });

  it("without the backend, rebuilds the EXECUTION operation from the ExecutionStarted event", async () => {
    const result = await runWithHistory(orderRunner(orderWorkflow()), { payload: { orderId: 42 } });
    const full = result.getHistory();
    const detached = new TestResult({
      status: "SUCCEEDED",
      result: full.result,
      operations: full.operations.slice(1),
      invocations: [],
      history: result.getHistoryEvents(),
    });
    const rebuilt = detached.getHistory();
    expect(rebuilt.operations[0]).toEqual({
      Id: full.operations[0]!.Id,
      Type: "EXECUTION",
      Status: "SUCCEEDED",
      StartTimestamp: START,
      ExecutionDetails: { InputPayload: '{"orderId":42}' },
    });
    expect(rebuilt.operations.slice(1)).toEqual(full.operations.slice(1));
    expect(rebuilt.input).toBe('{"orderId":42}');
  });
});

describe("loadHistory", () => {
  it("treats a missing formatVersion as 1 and rejects other versions and shapes with a TypeError naming the problem", () => {
    const operations = [{ Id: "e1", Type: "EXECUTION", Status: "STARTED", StartTimestamp: 1_767_225_600_000, ExecutionDetails: { InputPayload: "{}" } }];
    expect(loadHistory(JSON.stringify({ operations })).operations[0]?.StartTimestamp).toEqual(START);
    expect(() => loadHistory(JSON.stringify({ formatVersion: 2, operations }))).toThrow(/formatVersion 2 is not supported/);
    expect(() => loadHistory("{ not json")).toThrow(/not valid JSON/);
    expect(() => loadHistory(JSON.stringify({ formatVersion: 1 }))).toThrow(/must have an operations array/);
    expect(() => loadHistory(JSON.stringify({ operations: [{ Type: "STEP" }] }))).toThrow(/operations\[0\] must be an operation/);
    expect(() => loadHistory("test/fixtures/does-not-exist.json")).toThrow(/cannot be read/);
  });
});

describe("fetchHistory", () => {
  /** A LambdaClient stand-in that serves the three read commands from the backend. */
  const clientFor = (backend: InMemoryBackend, sent: string[]): LambdaClientLike => ({
    async send(command: unknown) {
      if (command instanceof GetDurableExecutionStateCommand) {
        sent.push(`state ${command.input.Marker ?? "-"}`);
        return backend.getDurableExecutionState(command.input);
      }
      if (command instanceof GetDurableExecutionHistoryCommand) {
        sent.push(`history ${command.input.Marker ?? "-"}`);
        return backend.getDurableExecutionHistory(command.input);
      }
      if (command instanceof GetDurableExecutionCommand) {
        sent.push("execution");
        return backend.getDurableExecution({ DurableExecutionArn: command.input.DurableExecutionArn! });
      }
      throw new Error("unexpected command");
    },
  });

  it("reads every GetDurableExecutionState page with the live token, and the input from GetDurableExecution", async () => {
    const backend = new InMemoryBackend({ startTime: START });
    const { executionArn, checkpointToken } = await suspendAtWait(backend, packingWorkflow("box"), { orderId: 7 });
    const sent: string[] = [];
    const fixture = await fetchHistory(clientFor(backend, sent), executionArn, { checkpointToken, pageSize: 2 });
    expect(sent).toEqual(["execution", "state -", expect.stringMatching(/^state \S+/), expect.stringMatching(/^state \S+/)]);
    expect(fixture).toMatchObject({ formatVersion: 1, executionArn, input: '{"orderId":7}' });
    expect(fixture.result).toBeUndefined();
    expect(fixture.operations.map((op) => [op.Type, op.Name, op.Status])).toEqual([
      ["EXECUTION", undefined, "STARTED"],
      ["STEP", "charge", "SUCCEEDED"],
      ["CONTEXT", "pack", "STARTED"],
      ["STEP", "box", "SUCCEEDED"],
      ["WAIT", "dry", "STARTED"],
    ]);
    expect(fixture.operations[4]?.WaitDetails?.ScheduledEndTimestamp).toEqual(at(60));
  });

  it("without a token, rebuilds the operations of an ended execution from its history events", async () => {
    const runner = orderRunner(orderWorkflow());
    const result = await runWithHistory(runner, { payload: { orderId: 42 } });
    const exported = result.getHistory();
    const sent: string[] = [];
    const fetched = await fetchHistory(clientFor(runner.backend, sent), exported.executionArn!, { pageSize: 8 });
    expect(sent).toEqual(["execution", "history -", expect.stringMatching(/^history \S+/), expect.stringMatching(/^history \S+/)]);
    expect(fetched).toEqual(exported);
  });

  it("rejects an empty token or ARN with a TypeError naming the field", async () => {
    const backend = new InMemoryBackend({ startTime: START });
    await expect(fetchHistory(clientFor(backend, []), "arn:x", { checkpointToken: "" })).rejects.toThrow(/options.checkpointToken must be a non-empty string/);
    await expect(fetchHistory(clientFor(backend, []), "")).rejects.toThrow(/executionArn must be a non-empty string/);
  });
});
