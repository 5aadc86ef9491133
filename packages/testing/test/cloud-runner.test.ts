import { createRetryStrategy, JitterStrategy, type DurableLambdaHandler } from "@durable-ts/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudDurableTestRunner, type DurableTestRunner } from "../src/cloud/index.js";
import { LocalDurableTestRunner, WaitingOperationStatus, type TestResult } from "../src/runners/index.js";
import { createInProcessLambdaClient, startLocalServer, type LocalServer } from "../src/server/index.js";
import { localClient, quiet } from "./server-support.js";

const retryOnce = createRetryStrategy({ maxAttempts: 2, initialDelay: { seconds: 1 }, jitter: JitterStrategy.NONE });

const helper: DurableLambdaHandler = quiet(async (event: { x: number }, ctx) => ctx.step("add", async () => event.x + 100));

const flow: DurableLambdaHandler = quiet(async (event: { n: number }, ctx) => {
  const charged = await ctx.step(
    "charge",
    async ({ attempt }) => {
      if (attempt < 2) throw new Error("card network busy");
      return event.n * 10;
    },
    { retryStrategy: retryOnce },
  );
  await ctx.wait("cool-down", { seconds: 5 });
  const packed = await ctx.runInChildContext("pack", async (c) => c.step("box", async () => ({ boxes: event.n })));
  const approval = await ctx.waitForCallback<string>("approval", async () => undefined);
  const invoked = await ctx.invoke<{ x: number }, number>("bill", "helper", { x: charged });
  const lines = await ctx.map("lines", [1, 2], async (c, item: number) => c.step(async () => item * event.n));
  return { charged, packed, approval: JSON.parse(approval), invoked, lines: lines.getResults() };
});

/** The test body both runners run. */
async function body(runner: DurableTestRunner): Promise<TestResult> {
  const approval = runner.getOperation("approval");
  const running = runner.run({ payload: { n: 3 }, timeoutMs: 20_000 });
  await approval.waitForData(WaitingOperationStatus.SUBMITTED);
  await approval.sendCallbackSuccess(JSON.stringify({ approved: true }));
  return running;
}

/** What must be equal between runners: outcome and every operation, minus timestamps and stack traces. */
function summary(result: TestResult) {
  return {
    status: result.getStatus(),
    result: result.getResult(),
    operations: result.getOperations().map((op) => {
      const d = op.getOperationData();
      const error = d.StepDetails?.Error ?? d.ContextDetails?.Error ?? d.CallbackDetails?.Error ?? d.ChainedInvokeDetails?.Error;
      return {
        id: d.Id,
        parentId: d.ParentId,
        name: d.Name,
        type: d.Type,
        subType: d.SubType,
        status: d.Status,
        attempt: d.StepDetails?.Attempt,
        result: d.StepDetails?.Result ?? d.ContextDetails?.Result ?? d.CallbackDetails?.Result ?? d.ChainedInvokeDetails?.Result,
        error: error === undefined ? undefined : { type: error.ErrorType, message: error.ErrorMessage },
      };
    }),
  };
}

let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer({
    port: 0,
    skipTime: true,
    functions: {
      flow,
      helper,
      greet: quiet(async (event: { name: string }, ctx) => {
        const [reply] = await ctx.createCallback<string>("reply");
        return `${event.name}: ${await reply}`;
      }),
    },
  });
});

afterAll(async () => {
  await server?.close();
});

function cloudRunner(functionName: string, config: { invocationType?: "RequestResponse" | "Event" } = {}) {
  return new CloudDurableTestRunner({ functionName, client: localClient(server.url, 3), config: { pollInterval: 20, ...config } });
}

describe("CloudDurableTestRunner", () => {
  it("gives the same result and operations as the local runner for the same test body", async () => {
    const local = new LocalDurableTestRunner({ handlerFunction: flow }).registerDurableFunction("helper", helper);
    const localSummary = summary(await body(local));
    const cloudSummary = summary(await body(cloudRunner("flow")));
    expect(localSummary.status).toBe("SUCCEEDED");
    expect(localSummary.result).toEqual({ charged: 30, packed: { boxes: 3 }, approval: { approved: true }, invoked: 130, lines: [3, 6] });
    expect(localSummary.operations.find((op) => op.name === "charge")?.attempt).toBe(2);
    expect(cloudSummary).toEqual(localSummary);
  });

  it("with Event invocations and responders, answers callbacks and exposes invocations and handles", async () => {
    const runner = cloudRunner("greet", { invocationType: "Event" }).onCallback(/^rep/, { success: "hi there" });
    const result = await runner.run({ payload: { name: "Ada" } });
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toBe("Ada: hi there");
    expect(runner.getOperation("reply").getCallbackDetails().result).toBe("hi there");
    expect(result.getInvocations().length).toBeGreaterThanOrEqual(2);
    expect(result.getInvocations()[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(runner.executionArn).toContain(":function:greet:");
  });

  it("answers a failed callback through a failure responder", async () => {
    const runner = new CloudDurableTestRunner({
      functionName: "greet",
      client: localClient(server.url),
      callbacks: { reply: { failure: new RangeError("nobody home") } },
      config: { pollInterval: 20 },
    });
    const result = await runner.run({ payload: { name: "Bob" } });
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({ errorMessage: "nobody home" });
  });

  it("rejects a second start of a name with another payload, and times out naming what is pending", async () => {
    const runner = cloudRunner("greet", { invocationType: "Event" });
    const first = runner.run({ payload: { name: "Cy" }, executionName: "cloud-dup", timeoutMs: 300 });
    await expect(first).rejects.toThrow(/timed out after 300 ms: pending operations: CALLBACK "reply" \(STARTED\)/);
    await expect(runner.run({ payload: { name: "Other" }, executionName: "cloud-dup" })).rejects.toMatchObject({ name: "DurableExecutionAlreadyStartedException" });
    await expect(cloudRunner("no-such-function").run()).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("also runs over an in-process client (no port), with the same wire shapes", async () => {
    const { client, service } = createInProcessLambdaClient({ skipTime: true, functions: { flow, helper } });
    try {
      const result = await body(new CloudDurableTestRunner({ functionName: "flow", client, config: { pollInterval: 10 } }));
      expect(result.getResult()).toMatchObject({ charged: 30, invoked: 130 });
    } finally {
      await service.close();
    }
  });

  it("validates its options", () => {
    expect(() => new CloudDurableTestRunner({ functionName: "" })).toThrow(/functionName/);
    expect(() => new CloudDurableTestRunner({ functionName: "f", config: { pollInterval: 0 } })).toThrow(/pollInterval/);
    expect(() => new CloudDurableTestRunner({ functionName: "f", config: { invocationType: "DryRun" as never } })).toThrow(/invocationType/);
  });
});
