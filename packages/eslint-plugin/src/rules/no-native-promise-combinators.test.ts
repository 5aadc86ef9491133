import { handler, ruleTester } from "../rule-tester.js";
import { noNativePromiseCombinators } from "./no-native-promise-combinators.js";

ruleTester.run("no-native-promise-combinators", noNativePromiseCombinators, {
  valid: [
    handler(`await ctx.promise.all([ctx.step(async () => 1), ctx.wait({ seconds: 1 })]);`),
    // plain promises are not durable
    handler(`await ctx.step(async () => Promise.all([fetch("a"), fetch("b")]));`),
    handler(`const [a, b] = await Promise.all([load(1), load(2)]);`),
    // awaited one by one: nothing races
    handler(`const xs = await Promise.all([await ctx.step(async () => 1)]);`),
  ],
  invalid: [
    {
      code: handler(`await Promise.all([ctx.step(async () => 1), ctx.step(async () => 2)]);`),
      errors: [
        {
          messageId: "native",
          data: { combinator: "all", context: "ctx" },
          suggestions: [{ messageId: "useContext", output: handler(`await ctx.promise.all([ctx.step(async () => 1), ctx.step(async () => 2)]);`) }],
        },
      ],
    },
    {
      code: handler(`const a = ctx.step(async () => 1); const t = ctx.wait({ seconds: 5 }); await Promise.race([a, t]);`),
      errors: [
        {
          messageId: "native",
          data: { combinator: "race", context: "ctx" },
          suggestions: [
            { messageId: "useContext", output: handler(`const a = ctx.step(async () => 1); const t = ctx.wait({ seconds: 5 }); await ctx.promise.race([a, t]);`) },
          ],
        },
      ],
    },
    {
      code: handler(`await Promise.allSettled(event.ids.map((id) => ctx.invoke("fn", { id })));`),
      errors: [
        {
          messageId: "native",
          data: { combinator: "allSettled", context: "ctx" },
          suggestions: [{ messageId: "useContext", output: handler(`await ctx.promise.allSettled(event.ids.map((id) => ctx.invoke("fn", { id })));`) }],
        },
      ],
    },
    {
      code: handler(`await ctx.runInChildContext(async (child) => Promise.any([child.step(async () => 1)]));`),
      errors: [
        {
          messageId: "native",
          data: { combinator: "any", context: "child" },
          suggestions: [{ messageId: "useContext", output: handler(`await ctx.runInChildContext(async (child) => child.promise.any([child.step(async () => 1)]));`) }],
        },
      ],
    },
  ],
});
