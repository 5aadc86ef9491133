import { describe, expect, it } from "vitest";
import { durableExecution, type DurableContext, type StepContext } from "@durable-ts/sdk";
import { LocalDurableTestRunner } from "@durable-ts/testing";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const START = new Date("2026-03-01T00:00:00Z");

type Body = (event: any, ctx: DurableContext) => Promise<unknown>;
const durable = (body: Body) => durableExecution(body, { logger: silent });
const runnerFor = (body: Body, options: Omit<ConstructorParameters<typeof LocalDurableTestRunner>[0], "handlerFunction"> = {}) =>
  new LocalDurableTestRunner({ handlerFunction: durable(body), startTime: START, ...options });
const retryEvery10s = () => ({ shouldRetry: true, delay: { seconds: 10 } });

describe("step mocks", () => {
  it("replace only the body: the step is still started, checkpointed and recorded with the mocked result", async () => {
    let realRuns = 0;
    const runner = runnerFor(
      async (_event, ctx) => {
        const price = await ctx.step("price", async () => {
          realRuns++;
          return 100;
        });
        const total = await ctx.step("total", async () => price * 2);
        return { price, total };
      },
      { stepMocks: { price: { result: 7 } } },
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual({ price: 7, total: 14 });
    expect(realRuns).toBe(0);
    const arn = runner.backend.listExecutionArns()[0];
    const priceUpdates = runner.backend.checkpointedUpdates(arn!).filter((update) => update.Name === "price");
    expect(priceUpdates.map((update) => update.Action)).toEqual(["START", "SUCCEED"]);
    expect(result.getOperation("price").getStepDetails()).toMatchObject({ attempt: 1, result: 7 });
  });

  it("take one array entry per attempt; retries, their delays and the RETRY checkpoints stay real", async () => {
    const runner = runnerFor(async (_event, ctx) => ctx.step("charge", async () => "real charge", { retryStrategy: retryEvery10s })).mockStep("charge", [
      { error: new Error("gateway 502") },
      { error: new Error("gateway 503") },
      { result: "charged" },
    ]);
    const result = await runner.run();
    expect(result.getResult()).toBe("charged");
    expect(result.getOperation("charge").getStepDetails().attempt).toBe(3);
    const arn = runner.backend.listExecutionArns()[0];
    const actions = runner.backend
      .checkpointedUpdates(arn!)
      .filter((u) => u.Name === "charge")
      .map((u) => [u.Action, u.Error?.ErrorMessage]);
    expect(actions).toEqual([
      ["START", undefined],
      ["RETRY", "gateway 502"],
      ["START", undefined],
      ["RETRY", "gateway 503"],
      ["START", undefined],
      ["SUCCEED", undefined],
    ]);
    expect(runner.clock.nowMs() - START.getTime()).toBe(20_000);
    expect(result.getInvocations().length).toBe(3);
  });

  it("repeat the last entry for every later attempt, until the retry strategy gives up", async () => {
    const runner = runnerFor(
      async (_event, ctx) => ctx.step("flaky", async () => "never", { retryStrategy: (_e, attempts) => ({ shouldRetry: attempts < 4, delay: { seconds: 1 } }) }),
      { stepMocks: { flaky: [{ error: new Error("cold start") }, { error: new RangeError("still down") }] } },
    );
    const result = await runner.run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError().errorMessage).toContain("still down");
    expect(result.getOperation("flaky").getStepDetails()).toMatchObject({ attempt: 4, error: { errorMessage: "still down" } });
    const arn = runner.backend.listExecutionArns()[0];
    const failures = runner.backend
      .checkpointedUpdates(arn!)
      .filter((u) => u.Error)
      .map((u) => `${u.Action} ${u.Error?.ErrorMessage}`);
    expect(failures).toEqual(["RETRY cold start", "RETRY still down", "RETRY still down", "FAIL still down"]);
  });

  it("run a function mock with the real step context, and pass its result through the step's serdes", async () => {
    const seen: Pick<StepContext, "attempt" | "operationId">[] = [];
    const runner = runnerFor(async (_event, ctx) => {
      const when = await ctx.step("clock", async () => new Date(0));
      return when instanceof Date ? when.toISOString() : `not a Date: ${String(when)}`;
    }).mockStep("clock", async (stepContext) => {
      seen.push({ attempt: stepContext.attempt, operationId: stepContext.operationId });
      return new Date("2030-01-01T00:00:00Z");
    });
    const result = await runner.run();
    expect(result.getResult()).toBe("2030-01-01T00:00:00.000Z");
    expect(seen).toEqual([{ attempt: 1, operationId: result.getOperation("clock").getId() }]);
    // Recorded by the default serdes, decoded back into a Date by the test view.
    expect(result.getOperation("clock").getStepDetails().result).toEqual(new Date("2030-01-01T00:00:00Z"));
  });

  it("leave unmocked steps and same-named non-step operations alone", async () => {
    const runner = runnerFor(async (_event, ctx) => {
      const inner = await ctx.runInChildContext("lookup", async (child) => child.step("real", async () => "from child"));
      const step = await ctx.step("lookup-step", async () => "real step");
      return { inner, step };
    }).mockStep("lookup", { result: "mocked" });
    expect((await runner.run()).getResult()).toEqual({ inner: "from child", step: "real step" });
  });

  it("reject malformed mocks, naming the entry", () => {
    const runner = runnerFor(async () => 1);
    expect(() => runner.mockStep("x", [])).toThrow(/stepMocks\["x"\]: expected at least one mock/);
    expect(() => runner.mockStep("x", { error: "boom" } as never)).toThrow(/"error" must be an Error instance/);
    expect(() => runner.mockStep("x", [{ result: 1 }, { value: 2 } as never])).toThrow(/stepMocks\["x"\]\[1\]: expected \{ result \}/);
    expect(() => runner.mockStep("", { result: 1 })).toThrow(/non-empty string/);
  });
});

describe("function mocks (invoke targets)", () => {
  it("run a bare function as a plain Lambda and { durable } as a child execution", async () => {
    const runner = runnerFor(
      async (event, ctx) => {
        const rate = await ctx.invoke<unknown, number>("rate", "fx-rates", { currency: event.currency });
        const quote = await ctx.invoke<unknown, { total: number }>("quote", "quoter", { amount: 10 * rate });
        return quote.total;
      },
      {
        functions: {
          "fx-rates": async (input: { currency: string }) => (input.currency === "EUR" ? 1.5 : 1),
          quoter: {
            durable: durable(async (input: { amount: number }, ctx) => {
              await ctx.wait("settle", { minutes: 1 });
              return { total: input.amount + 1 };
            }),
          },
        },
      },
    );
    const result = await runner.run({ payload: { currency: "EUR" } });
    expect(result.getResult()).toBe(16);
    expect(runner.backend.listExecutionArns()).toHaveLength(2); // the durable one ran as a child execution
    expect(runner.clock.nowMs() - START.getTime()).toBe(60_000);
  });

  it("apply step mocks inside durable function mocks too", async () => {
    const runner = runnerFor(async (_event, ctx) => ctx.invoke("child", "worker", {}), {
      functions: { worker: { durable: durable(async (_input, ctx) => ctx.step("work", async () => "real")) } },
      stepMocks: { work: { result: "mocked in child" } },
    });
    expect((await runner.run()).getResult()).toBe("mocked in child");
  });

  it("reject an entry that is neither a function nor { durable }", () => {
    expect(() => runnerFor(async () => 1, { functions: { bad: { plain: async () => 1 } as never } })).toThrow(
      /functions\["bad"\]: expected a plain handler .* or \{ durable: handler \}/,
    );
  });
});
