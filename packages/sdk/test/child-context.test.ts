import { describe, expect, it } from "vitest";
import { hashOperationId } from "@durable-ts/sdk";
import { durable, runnerFor } from "./support.js";

describe("runInChildContext", () => {
  it("nests operation ids under the context and stores its result", async () => {
    const runner = runnerFor(
      durable(async (_e, ctx) =>
        ctx.runInChildContext("outer", async (outer) => {
          const a = await outer.step("a", async () => 1);
          const b = await outer.runInChildContext("inner", async (inner) => inner.step("b", async () => 2));
          return a + b;
        }),
      ),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe(3);
    const outer = result.getOperation("outer");
    expect(outer.getId()).toBe(hashOperationId("1"));
    expect(outer.getType()).toBe("CONTEXT");
    expect(outer.getSubType()).toBe("RunInChildContext");
    expect(outer.getContextDetails().result).toBe(3);
    expect(result.getOperation("a").getId()).toBe(hashOperationId("1-1"));
    expect(result.getOperation("a").getParentId()).toBe(hashOperationId("1"));
    expect(result.getOperation("inner").getId()).toBe(hashOperationId("1-2"));
    expect(result.getOperation("b").getId()).toBe(hashOperationId("1-2-1"));
    expect(result.getOperation("b").getParentId()).toBe(hashOperationId("1-2"));
    expect(outer.getChildOperations().map((op) => op.getName())).toEqual(["a", "inner"]);
  });

  it("nests to any depth", async () => {
    const depth = 12;
    const dive = async (ctx: any, level: number): Promise<number> =>
      level === depth ? ctx.step("leaf", async () => level) : ctx.runInChildContext(`level-${level}`, (child: any) => dive(child, level + 1));
    const result = await runnerFor(durable(async (_e, ctx) => dive(ctx, 0))).run();
    expect(result.getResult()).toBe(depth);
    expect(result.getOperation("leaf").getId()).toBe(hashOperationId(Array.from({ length: depth + 1 }, () => "1").join("-")));
  });

  it("a completed context returns its stored result without re-running its body", async () => {
    let bodyRuns = 0;
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        const value = await ctx.runInChildContext("once", async (child) => {
          bodyRuns++;
          return child.step(async () => "v");
        });
        await ctx.wait({ seconds: 1 });
        return value;
      }),
    ).run();
    expect(result.getResult()).toBe("v");
    expect(bodyRuns).toBe(1);
  });

  it("a suspended child resumes where it stopped: finished children replay, the rest run", async () => {
    const runs: string[] = [];
    const result = await runnerFor(
      durable(async (_e, ctx) =>
        ctx.runInChildContext("flow", async (child) => {
          await child.step("before", async () => runs.push("before"));
          await child.wait({ seconds: 30 });
          await child.step("after", async () => runs.push("after"));
          return "done";
        }),
      ),
    ).run();
    expect(result.getResult()).toBe("done");
    expect(runs).toEqual(["before", "after"]);
    expect(result.getInvocations()).toHaveLength(2);
  });

  it("a result over the inline limit is stored as a summary with ReplayChildren and rebuilt by replaying the body", async () => {
    let bodyRuns = 0;
    const big = "x".repeat(300_000);
    const runner = runnerFor(
      durable(
        async (_e, ctx) => {
          const value = await ctx.runInChildContext(
            "big",
            async (child) => {
              bodyRuns++;
              const parts = [];
              for (let i = 0; i < 3; i++) parts.push(await child.step(`part-${i}`, async () => big.slice(0, 100_000)));
              return parts.join("");
            },
            { summaryGenerator: (r) => `length ${r.length}` },
          );
          await ctx.wait({ seconds: 1 });
          return value.length;
        },
        { limits: { maxResponseBytes: 6_291_406 } },
      ),
    );
    const result = await runner.run();
    expect(result.getResult()).toBe(300_000);
    expect(bodyRuns).toBe(2); // first run, then the replay over its cached children
    const details = result.getOperation("big").getContextDetails();
    expect(details.replayChildren).toBe(true);
    expect(result.getOperation("big").getOperationData().ContextDetails?.Result).toBe("length 300000");
    expect(result.getOperation("part-0").getStatus()).toBe("SUCCEEDED");
  });

  it("a throwing body fails the context with ChildContextError, identical live and on replay", async () => {
    const seen: string[] = [];
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        let observed = "";
        try {
          await ctx.runInChildContext("broken", async () => {
            throw new SyntaxError("bad token");
          });
        } catch (error) {
          const e = error as Error & { cause: Error };
          observed = `${e.name}:${e.message}:${e.cause.name}`;
          seen.push(observed);
        }
        await ctx.wait({ seconds: 1 });
        return [observed];
      }),
    ).run();
    expect(result.getResult()).toEqual(["ChildContextError:bad token:SyntaxError"]);
    expect(seen).toEqual(["ChildContextError:bad token:SyntaxError", "ChildContextError:bad token:SyntaxError"]);
    expect(result.getOperation("broken").getStatus()).toBe("FAILED");
  });

  it("using the parent context inside a child body is CONTEXT_MISUSE", async () => {
    const result = await runnerFor(durable(async (_e, ctx) => ctx.runInChildContext("child", async () => ctx.step("wrong", async () => 1)))).run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({ errorType: "ConfigError" });
    expect(result.getError().errorMessage).toMatch(/not the active one/);
  });
});
