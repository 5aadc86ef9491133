import { describe, expect, it } from "vitest";
import { withDurableExecution } from "@aws/durable-execution-sdk-js";
import { LocalDurableTestRunner } from "@durable-ts/testing";
import { stepMockPlugin } from "../src/runners/step-mocks.js";

const START = new Date("2026-03-01T00:00:00Z");

describe("probe", () => {
  it("runs", async () => {
    let attempts = 0;
    const handler = withDurableExecution(async (event: { n: number }, ctx: any) => {
      const a = await ctx.step("a", async () => event.n + 1);
      await ctx.wait("pause", { minutes: 5 });
      const b = await ctx.step("flaky", async () => {
        attempts++;
        if (attempts < 3) throw new Error("flaky " + attempts);
        return "ok";
      }, { retryStrategy: (_e: unknown, n: number) => ({ shouldRetry: n < 5, delay: { seconds: 10 } }) });
      const [p, id] = await ctx.createCallback("approval", { timeout: { hours: 1 } });
      const c = await p;
      const d = await ctx.step("mocked", async () => "real");
      const w = await ctx.waitForCallback("wfc", async (cid: string) => { void cid; }, { timeout: { hours: 1 } });
      return { a, b, c, d, id: typeof id, w };
    }, { plugins: [stepMockPlugin as any] } as any);
    const runner = new LocalDurableTestRunner({ handlerFunction: handler as any, startTime: START,
      callbacks: { approval: { success: { ok: true }, after: { minutes: 2 } }, wfc: { success: "yes" } },
      stepMocks: { mocked: { result: "mock" } } });
    const result = await runner.run({ payload: { n: 1 } });
    console.log(result.getStatus(), result.getStatus() === "SUCCEEDED" ? result.getResult() : result.getError());
    console.log(runner.backend.getOperations(runner.backend.listExecutionArns()[0]).map(o => [o.Id, o.ParentId, o.Type, o.SubType, o.Name, o.Status, o.StepDetails?.Attempt]));
    console.log(result.getInvocations().length, (runner.clock.nowMs() - START.getTime()) / 1000);
  });
});
