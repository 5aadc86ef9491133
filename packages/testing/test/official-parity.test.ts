// Behaviour tests written for the official testing kit rely on, kept the same (docs/testing.md lists what differs on purpose).
import { afterEach, describe, expect, it } from "vitest";
import { durableExecution, type DurableContext } from "@durable-ts/sdk";
import { InMemoryBackend, LocalDurableTestRunner, WaitingOperationStatus } from "@durable-ts/testing";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const handlerOf = (body: (event: unknown, ctx: DurableContext) => Promise<unknown>) => durableExecution(body, { logger: silent });

describe("sendCallbackSuccess", () => {
  it("without a result gives the handler undefined, not an empty string", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: handlerOf(async (_e, ctx) => {
        const [result] = await ctx.createCallback("approval");
        const value = await result;
        return { isUndefined: value === undefined, type: typeof value };
      }),
    });
    const running = runner.run();
    const op = await runner.getOperation("approval").waitForData(WaitingOperationStatus.STARTED);
    await op.sendCallbackSuccess();
    const result = await running;
    expect(result.getResult()).toEqual({ isUndefined: true, type: "undefined" });
  });
});

describe("setupTestEnvironment({ skipTime })", () => {
  afterEach(() => LocalDurableTestRunner.teardownTestEnvironment());
  const waitsTwoSeconds = () => handlerOf(async (_e, ctx) => ctx.wait({ seconds: 2 }));

  it("skipTime: false makes runners without their own skipTime wait in real time, also runners built before the call", async () => {
    const builtBefore = new LocalDurableTestRunner({ handlerFunction: waitsTwoSeconds() });
    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: false });
    const builtAfter = new LocalDurableTestRunner({ handlerFunction: waitsTwoSeconds() });
    for (const runner of [builtBefore, builtAfter]) {
      const started = Date.now();
      expect((await runner.run()).getStatus()).toBe("SUCCEEDED");
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    }
  });

  it("a runner's own skipTime wins over the environment, and teardown restores the default (skipping)", async () => {
    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: false });
    const own = new LocalDurableTestRunner({ handlerFunction: waitsTwoSeconds(), skipTime: true });
    await own.run();
    expect(own.clock.skipping).toBe(true);
    await LocalDurableTestRunner.teardownTestEnvironment();
    const plain = new LocalDurableTestRunner({ handlerFunction: waitsTwoSeconds() });
    await plain.run();
    expect(plain.clock.skipping).toBe(true);
  });
});

describe("getError()", () => {
  class MyErr extends Error {
    constructor(message: string) {
      super(message, { cause: new Error("root") });
      this.name = "MyErr";
    }
  }
  const noRetry = { retryStrategy: () => ({ shouldRetry: false }) };
  const view = (errorType: string, errorMessage: string) => ({ errorMessage, errorType, errorData: undefined, stackTrace: undefined });
  const runnerWith = (body: (event: unknown, ctx: DurableContext) => Promise<unknown>) => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handlerOf(body) });
    runner.registerDurableFunction(
      "handler-error",
      handlerOf(async () => {
        throw new MyErr("invoked failed hard");
      }),
    );
    return runner;
  };

  // Expected values observed on @aws/durable-execution-sdk-js 2.4.0 with its testing kit 1.1.4.
  it.each([
    [
      "a failed step",
      (_e: unknown, ctx: DurableContext) =>
        ctx.step(
          "op",
          async () => {
            throw new MyErr("boom");
          },
          noRetry,
        ),
      view("StepError", "boom"),
      view("MyErr", "boom"),
    ],
    [
      "a failed child context",
      (_e: unknown, ctx: DurableContext) =>
        ctx.runInChildContext("op", async () => {
          throw new MyErr("child boom");
        }),
      view("ChildContextError", "child boom"),
      view("MyErr", "child boom"),
    ],
    [
      "a failed invoke",
      (_e: unknown, ctx: DurableContext) => ctx.invoke("op", "handler-error", { a: 1 }),
      view("InvokeError", "invoked failed hard"),
      view("MyErr", "invoked failed hard"),
    ],
  ])("for %s has the official fields and values, on the execution and on the operation", async (_label, body, execution, operation) => {
    const result = await runnerWith(body).run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toStrictEqual(execution);
    const op = result.getOperation("op");
    const details = op.getType() === "STEP" ? op.getStepDetails() : op.getType() === "CONTEXT" ? op.getContextDetails() : op.getChainedInvokeDetails();
    expect(details.error).toStrictEqual(operation);
  });

  it("an error thrown by the handler has its own type and message, nothing else", async () => {
    const result = await runnerWith(async () => {
      throw new MyErr("top");
    }).run();
    expect(result.getError()).toStrictEqual(view("MyErr", "top"));
  });

  it("keeps the recorded error losslessly behind cause: class, stack and the cause chain", async () => {
    const result = await runnerWith((_e, ctx) =>
      ctx.step(
        "op",
        async () => {
          throw new MyErr("boom");
        },
        noRetry,
      ),
    ).run();
    const { cause } = result.getError();
    expect(cause?.name).toBe("StepError");
    const stepCause = cause?.cause as Error;
    expect([stepCause.name, stepCause.message, (stepCause.cause as Error).message]).toEqual(["MyErr", "boom", "root"]);
    expect(stepCause.stack).toContain("official-parity.test.ts");
  });

  it("shows an error's own errorData, and a callback sender's StackTrace, as given", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: handlerOf(async (_e, ctx) => {
        const [result] = await ctx.createCallback("cb");
        await result;
      }),
    });
    const running = runner.run();
    const op = await runner.getOperation("cb").waitForData(WaitingOperationStatus.STARTED);
    await op.sendCallbackFailure({ ErrorType: "Rejected", ErrorMessage: "no", ErrorData: '{"reason":"budget"}', StackTrace: ["at sender"] });
    const result = await running;
    expect(result.getOperation("cb").getCallbackDetails().error).toStrictEqual({
      errorMessage: "no",
      errorType: "Rejected",
      errorData: '{"reason":"budget"}',
      stackTrace: ["at sender"],
    });
    expect(result.getError()).toStrictEqual({ errorType: "CallbackExternalError", errorMessage: "no", errorData: '{"reason":"budget"}', stackTrace: undefined });
  });
});

describe("execution timeout", () => {
  it("the local runner sets none by default: a workflow whose waits add up to more than a day succeeds", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: handlerOf(async (_e, ctx) => {
        await ctx.wait({ seconds: 10 });
        await ctx.wait({ hours: 1 });
        await ctx.wait({ days: 1 });
        await ctx.wait({ days: 30 });
        return "done";
      }),
    });
    const result = await runner.run();
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getHistoryEvents().find((e) => e.EventType === "ExecutionStarted")?.ExecutionStartedDetails?.ExecutionTimeout).toBeUndefined();
  });

  it("a TIMED_OUT result, and waitForData on the ended execution, name the limit and how to change it", async () => {
    const runner = new LocalDurableTestRunner({
      executionTimeout: { hours: 1 },
      handlerFunction: handlerOf(async (_e, ctx) => {
        await ctx.wait({ hours: 2 });
        await ctx.step("after", async () => 1);
      }),
    });
    const waiting = runner.getOperation("after").waitForData(WaitingOperationStatus.STARTED);
    const result = await runner.run();
    expect(result.getStatus()).toBe("TIMED_OUT");
    expect(result.getError().errorMessage).toMatch(/timed out after 3600 seconds: its execution timeout .*executionTimeout.*--execution-timeout/);
    await expect(waiting).rejects.toThrow(/before operation .*after.* reached STARTED \(TIMED_OUT: Execution timed out after 3600 seconds: its execution timeout/);
  });

  it("the backend keeps the service's default of one day, settable per function (null: none)", async () => {
    const backend = new InMemoryBackend();
    backend.setExecutionTimeout("unbounded", null);
    backend.setExecutionTimeout("short", 60);
    const seconds = async (functionName: string) => {
      const { executionArn } = backend.startExecution({ functionName });
      return (await backend.getDurableExecution({ DurableExecutionArn: executionArn })).DurableConfig?.ExecutionTimeout;
    };
    expect([await seconds("other"), await seconds("short"), await seconds("unbounded")]).toEqual([86_400, 60, undefined]);
    expect(() => backend.setExecutionTimeout("bad", 0)).toThrow(/from 1 to 31622400 or null/);
  });
});
