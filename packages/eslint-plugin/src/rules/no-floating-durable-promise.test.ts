import { handler, ruleTester } from "../rule-tester.js";
import { noFloatingDurablePromise } from "./no-floating-durable-promise.js";

ruleTester.run("no-floating-durable-promise", noFloatingDurablePromise, {
  valid: [
    handler(`await ctx.step("a", async () => 1);`),
    handler(`return ctx.step("a", async () => 1);`),
    handler(`const p = ctx.step("a", async () => 1); await ctx.wait({ seconds: 1 }); return await p;`),
    handler(`const a = ctx.step("a", async () => 1); const b = ctx.step("b", async () => 2); return ctx.promise.all([a, b]);`),
    // an explicit fire-and-forget
    handler(`void ctx.wait({ days: 1 }); return "result";`),
    // not a durable context
    handler(`other.step("a"); logger.info("x");`),
  ],
  invalid: [
    {
      code: handler(`ctx.step("a", async () => 1);`),
      errors: [
        {
          messageId: "floating",
          data: { context: "ctx", method: "step" },
          suggestions: [{ messageId: "addAwait", output: handler(`await ctx.step("a", async () => 1);`) }],
        },
      ],
    },
    {
      code: handler(`await ctx.runInChildContext("c", async (child) => { child.wait({ seconds: 1 }); });`),
      errors: [
        {
          messageId: "floating",
          data: { context: "child", method: "wait" },
          suggestions: [{ messageId: "addAwait", output: handler(`await ctx.runInChildContext("c", async (child) => { await child.wait({ seconds: 1 }); });`) }],
        },
      ],
    },
    {
      code: handler(`ctx.promise.all([ctx.step(async () => 1)]);`),
      errors: [
        {
          messageId: "floating",
          data: { context: "ctx", method: "promise.all" },
          suggestions: [{ messageId: "addAwait", output: handler(`await ctx.promise.all([ctx.step(async () => 1)]);`) }],
        },
      ],
    },
    { code: handler(`const p = ctx.invoke("fn", {}); return 1;`), errors: [{ messageId: "unused", data: { name: "p", context: "ctx", method: "invoke" } }] },
  ],
});
