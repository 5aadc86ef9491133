import { handler, ruleTester } from "../rule-tester.js";
import { literalOperationNames } from "./literal-operation-names.js";

ruleTester.run("literal-operation-names", literalOperationNames, {
  valid: [
    handler(`await ctx.step("charge", async () => 1);`),
    handler(`await ctx.step(async () => 1);`),
    handler(`for (const id of event.ids) await ctx.step(\`load-\${id}\`, async () => id);`),
    handler(`await ctx.wait({ seconds: 1 }); await ctx.wait("cool-down", { seconds: 1 });`),
    handler(`await ctx.map(event.items, async (c, item) => item); await ctx.map("m", event.items, async (c, item) => item);`),
    handler(`await ctx.parallel([async (b) => 1]);`),
    handler(`await ctx.step(undefined, async () => 1);`),
  ],
  invalid: [
    { code: handler(`const name = pick(); await ctx.step(name, async () => 1);`), errors: [{ messageId: "notLiteral", data: { context: "ctx", method: "step" } }] },
    { code: handler(`await ctx.wait(String(event.n), { seconds: 1 });`), errors: [{ messageId: "notLiteral", data: { context: "ctx", method: "wait" } }] },
    { code: handler(`await ctx.map(names[0], event.items, async (c, item) => item);`), errors: [{ messageId: "notLiteral", data: { context: "ctx", method: "map" } }] },
    {
      code: handler(`await ctx.runInChildContext("a" + event.n, async (c) => 1);`),
      errors: [{ messageId: "notLiteral", data: { context: "ctx", method: "runInChildContext" } }],
    },
  ],
});
