import { describe, expect, it } from "vitest";
import { retryPresets } from "@durable-ts/sdk";
import { durable, runnerFor, START_MS } from "./support.js";

describe("context.promise combinators", () => {
  it("race settles at the first input: race([wait 1 s, wait 10 s]) finishes at 1 s (aws-js #265)", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => ctx.promise.race("first", [ctx.wait({ seconds: 1 }).then(() => "one"), ctx.wait({ seconds: 10 }).then(() => "ten")])),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe("one");
    expect(runner.clock.nowMs() - START_MS).toBe(1_000);
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "SUCCEEDED"]);
  });

  it("all([wait, wait]) suspends once with both waits registered (aws-js #433/#435)", async () => {
    const runner = runnerFor(durable(async (_e, ctx) => ctx.promise.all([ctx.wait("a", { seconds: 3 }), ctx.wait("b", { seconds: 3 })]).then(() => "both")));
    const result = await runner.run();
    expect(result.getResult()).toBe("both");
    expect(result.getInvocations().map((i) => i.status)).toEqual(["PENDING", "SUCCEEDED"]);
    expect(result.getOperation("a").getStartTimestamp()?.getTime()).toBe(START_MS);
    expect(result.getOperation("b").getStartTimestamp()?.getTime()).toBe(START_MS);
  });

  it("records the outcome in one CONTEXT taken when first awaited, and replays it without waiting on the inputs", async () => {
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        const a = ctx.step("a", async () => 1);
        const b = ctx.step("b", async () => 2);
        const sum = (await ctx.promise.all("both", [a, b])).reduce((x, y) => x + y, 0);
        await ctx.wait({ seconds: 1 });
        return sum;
      }),
    ).run();
    expect(result.getResult()).toBe(3);
    const both = result.getOperation("both");
    expect([both.getType(), both.getSubType()]).toEqual(["CONTEXT", "RunInChildContext"]);
    expect(both.getContextDetails().result).toEqual([1, 2]);
    expect(result.getOperations().map((op) => op.getName())).toEqual(["a", "b", "both", undefined]);
  });

  it("allSettled keeps rejection reasons losslessly, live and on replay", async () => {
    const seen: string[] = [];
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        const settled = await ctx.promise.allSettled([
          ctx.step("ok", async () => "fine"),
          ctx.step(
            "bad",
            async () => {
              throw new TypeError("broken");
            },
            { retryStrategy: retryPresets.noRetry },
          ),
        ]);
        const view = settled.map((s) => (s.status === "fulfilled" ? s.value : `${(s.reason as Error).name}:${(s.reason as Error).message}`));
        seen.push(JSON.stringify(view));
        await ctx.wait({ seconds: 1 });
        return view;
      }),
    ).run();
    expect(result.getResult()).toEqual(["fine", "StepError:broken"]);
    expect(seen[0]).toBe(seen[1]);
  });

  it("any rejects with PromiseCombinatorError when every input rejects; all rejects with the input's own error", async () => {
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        const fail = (name: string) =>
          ctx.step(
            name,
            async () => {
              throw new Error(`${name} failed`);
            },
            { retryStrategy: retryPresets.noRetry },
          );
        const outcomes: string[] = [];
        await ctx.promise.any([fail("x"), fail("y")]).catch((e: Error) => outcomes.push(`${e.name}:${e.message}`));
        await ctx.promise.all([ctx.step(async () => 1), fail("z")]).catch((e: Error) => outcomes.push(`${e.name}:${e.message}`));
        return outcomes;
      }),
    ).run();
    expect(result.getResult()).toEqual(["PromiseCombinatorError:All promises passed to promise.any were rejected", "StepError:z failed"]);
  });

  it("a combinator never holds the invocation: an input waiting on the service lets it suspend", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const slow = ctx.wait("slow", { minutes: 5 }).then(() => "slow");
        const quick = ctx.step("quick", async () => "quick");
        const all = await ctx.promise.all([slow, quick]);
        return all;
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual(["slow", "quick"]);
    expect(result.getInvocations()).toHaveLength(2);
    expect(runner.clock.nowMs() - START_MS).toBe(300_000);
  });
});

describe("combinator inputs are always subscribed", () => {
  const lateRejection = (ms: number) => new Promise((_resolve, reject) => setTimeout(() => reject(new Error(`late input after ${ms} ms`)), ms));

  it("no input rejection goes unhandled: never-awaited combinators, replayed outcomes, and combinators called after the invocation answered", async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      const result = await runnerFor(
        durable(async (_e, ctx) => {
          // Called, never awaited: the combinator never starts.
          void ctx.promise.all([lateRejection(20)]);
          void ctx.promise.race([lateRejection(20)]);
          // Recorded on the first run; on replay the outcome comes from the log and the inputs are not read.
          await ctx.promise.allSettled("settled", [ctx.step("one", async () => 1), lateRejection(10)]);
          await ctx.wait({ seconds: 1 });
          // Still running after the invocation has answered: the context is ended.
          void (async () => {
            await new Promise((resolve) => setTimeout(resolve, 10));
            await ctx.promise.any([lateRejection(20)]).catch(() => undefined);
          })();
          return "done";
        }),
      ).run();
      expect(result.getResult()).toBe("done");
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", listener);
    }
  });
});
