import { handler, ruleTester } from "../rule-tester.js";
import { noOperationInStep } from "./no-operation-in-step.js";

const saga = (body: string) =>
  `import { durableExecution } from "@durable-ts/sdk"; import { saga } from "@durable-ts/sdk/saga";\nexport const handler = durableExecution(async (event, ctx) => {\n${body}\n});`;

ruleTester.run("no-operation-in-step", noOperationInStep, {
  valid: [
    handler(`const a = await ctx.step("a", async () => 1); await ctx.wait("w", { seconds: 1 });`),
    handler(`await ctx.runInChildContext("c", async (child) => { await child.step("s", async () => 1); await child.wait({ seconds: 1 }); });`),
    handler(`await ctx.map("m", event.items, async (item) => item.step(async () => 1));`),
    handler(`await ctx.parallel([async (b) => b.step(async () => 1), { name: "x", func: async (b) => b.wait({ seconds: 1 }) }]);`),
    saga(`await saga(ctx, "s", async (tx) => { await tx.step("a", async () => 1); await tx.context.wait({ seconds: 1 }); });`),
    // a step body that only uses its own step context
    handler(`await ctx.step("a", async (stepCtx) => { stepCtx.logger.info("hi"); return 1; });`),
  ],
  invalid: [
    {
      code: handler(`await ctx.step("outer", async () => { await ctx.step("inner", async () => 1); });`),
      errors: [{ messageId: "inStep", data: { context: "ctx", method: "step", operation: "step" } }],
    },
    {
      code: handler(`await ctx.step(async () => ctx.wait({ seconds: 5 }));`),
      errors: [{ messageId: "inStep", data: { context: "ctx", method: "wait", operation: "step" } }],
    },
    {
      code: handler(`await ctx.waitForCondition("poll", async (s) => { await ctx.step("x", async () => 1); return s; }, {});`),
      errors: [{ messageId: "inStep", data: { context: "ctx", method: "step", operation: "waitForCondition" } }],
    },
    {
      code: handler(`await ctx.waitForCallback("cb", async (id) => { await ctx.invoke("fn", { id }); });`),
      errors: [{ messageId: "inStep", data: { context: "ctx", method: "invoke", operation: "waitForCallback" } }],
    },
    {
      code: handler(`await ctx.step("s", async () => { const helper = () => ctx.promise.all([]); return helper(); });`),
      errors: [{ messageId: "inStep", data: { context: "ctx", method: "promise.all", operation: "step" } }],
    },
    // a child using its parent's context
    {
      code: handler(`await ctx.runInChildContext("c", async (child) => { await ctx.step("s", async () => 1); });`),
      errors: [{ messageId: "parentContext", data: { context: "ctx", method: "step", child: " (`child`)" } }],
    },
    { code: handler(`await ctx.map("m", event.items, async (item) => ctx.step(async () => 1));`), errors: [{ messageId: "parentContext" }] },
    {
      code: saga(`await saga(ctx, "s", async (tx) => { await ctx.step("a", async () => 1); });`),
      errors: [{ messageId: "parentContext", data: { context: "ctx", method: "step", child: " (`tx.context`)" } }],
    },
    { code: saga(`await saga(ctx, "s", async (tx) => { await tx.step("a", async () => tx.context.wait({ seconds: 1 })); });`), errors: [{ messageId: "inStep" }] },
  ],
});
