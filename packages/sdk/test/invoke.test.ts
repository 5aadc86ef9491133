import { describe, expect, it } from "vitest";
import { durable, runnerFor, START_MS } from "./support.js";

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    return `ok:${JSON.stringify(await promise)}`;
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return `${e.name}:${e.message}${e.cause ? `<${e.cause.name}>` : ""}`;
  }
}

describe("invoke", () => {
  it("runs a registered durable function as a child execution and returns its result", async () => {
    const runner = runnerFor(durable(async (event: { n: number }, ctx) => ctx.invoke("square", "squarer", { n: event.n })));
    runner.registerDurableFunction(
      "squarer",
      durable(async (event: { n: number }, ctx) => {
        await ctx.wait({ seconds: 30 });
        return ctx.step("square", async () => event.n * event.n);
      }),
    );
    const result = await runner.run({ payload: { n: 7 } });
    expect(result.getResult()).toBe(49);
    const op = result.getOperation("square");
    expect([op.getType(), op.getSubType(), op.getStatus()]).toEqual(["CHAINED_INVOKE", "ChainedInvoke", "SUCCEEDED"]);
    expect(op.getChainedInvokeDetails().result).toBe(49);
    expect(runner.clock.nowMs() - START_MS).toBe(30_000);
    // Suspended while the child ran; re-invoked once when it finished.
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "SUCCEEDED"]);
  });

  it("calls a plain registered function once with the JSON input", async () => {
    const calls: unknown[] = [];
    const runner = runnerFor(durable(async (_e, ctx) => ctx.invoke("tax", "tax-fn", { amount: 100 })));
    runner.registerFunction("tax-fn", async (event: { amount: number }) => {
      calls.push(event);
      return { tax: event.amount * 0.2 };
    });
    const result = await runner.run();
    expect(result.getResult()).toEqual({ tax: 20 });
    expect(calls).toEqual([{ amount: 100 }]);
  });

  it.each([
    [
      "FAILED",
      async () => {
        throw new TypeError("child broke");
      },
      /^InvokeError:child broke<TypeError>$/,
    ],
  ])("a child that ends %s rejects with InvokeError carrying the child's message as is and keeping its error type", async (_status, body, expected) => {
    const runner = runnerFor(durable(async (_e, ctx) => outcome(ctx.invoke("job", "worker", {}))));
    runner.registerDurableFunction("worker", durable(body));
    expect((await runner.run()).getResult()).toMatch(expected);
  });

  it("an unregistered function fails the operation as the service would (ResourceNotFoundException)", async () => {
    const result = await runnerFor(durable(async (_e, ctx) => outcome(ctx.invoke("missing", "nobody-home", {})))).run();
    expect(result.getResult()).toMatch(/^InvokeError:.*Function not found: nobody-home<ResourceNotFoundException>$/);
  });

  it("accepts names, partial and full ARNs with qualifiers as the function id", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => [
        await ctx.invoke("by-arn", "arn:aws:lambda:us-east-1:123456789012:function:echo:live", 1),
        await ctx.invoke("by-qualified-name", "echo:$LATEST", 2),
      ]),
    );
    runner.registerFunction("echo", async (event) => event);
    expect((await runner.run()).getResult()).toEqual([1, 2]);
  });

  it("invoke(name, funcId) is name-first when the second argument is a string; a text that is no function id is a ConfigError suggesting invoke(undefined, …)", async () => {
    const runner = runnerFor(durable(async (_e, ctx) => ctx.invoke("echo", "say hello to the world")));
    runner.registerFunction("echo", async (event) => event);
    const result = await runner.run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError().errorType).toBe("ConfigError");
    expect(result.getError().errorMessage).toContain('invoke(undefined, functionId, "text")');

    const ok = runnerFor(durable(async (_e, ctx) => ctx.invoke(undefined, "echo", "say hello")));
    ok.registerFunction("echo", async (event) => event);
    const okResult = await ok.run();
    expect(okResult.getResult()).toBe("say hello");
    expect(okResult.getOperations()[0]?.getName()).toBeUndefined();
  });

  it("parallel invokes suspend once the queue drains and are not polled (aws-js #492/#503)", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const results = await ctx.parallel([async (c) => c.invoke("a", "slow", { seconds: 10 }), async (c) => c.invoke("b", "slow", { seconds: 20 })]);
        return results.getResults();
      }),
    );
    runner.registerDurableFunction(
      "slow",
      durable(async (e: { seconds: number }, ctx) => ctx.wait({ seconds: e.seconds }).then(() => e.seconds)),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual([10, 20]);
    // Invocation 1 suspends with both invokes started; each child's end re-invokes once.
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "PENDING", "SUCCEEDED"]);
    expect(runner.clock.nowMs() - START_MS).toBe(20_000);
    // No empty polling checkpoints: every checkpoint carried updates.
    const arn = runner.backend.listExecutionArns()[0];
    expect(runner.backend.checkpointCalls(arn!).every((call) => call.updates.length > 0)).toBe(true);
  });
});
