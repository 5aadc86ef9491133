import { handler, ruleTester } from "../rule-tester.js";
import { noNondeterminism } from "./no-nondeterminism.js";

ruleTester.run("no-nondeterminism", noNondeterminism, {
  valid: [
    // inside a step body: recorded once, replayed as recorded
    handler(`const t = await ctx.step("t", async () => Date.now());`),
    handler(`const id = await ctx.step(async () => crypto.randomUUID());`),
    handler(`await ctx.waitForCondition("poll", async (s) => fetch("https://x").then(() => s), { initialState: 0 });`),
    handler(`await ctx.waitForCallback("approve", async (callbackId) => { await fetch("https://x?id=" + callbackId); });`),
    // a Date from a value is deterministic
    handler(`const d = new Date(event.at);`),
    // code outside any durable handler is not checked
    `export const now = () => Date.now();`,
    `import { durableExecution } from "@durable-ts/sdk"; const t0 = Date.now(); export const handler = durableExecution(async (e, ctx) => ctx.step(() => t0));`,
    // the replay-safe helpers
    handler(`const t = ctx.now(); const r = ctx.random(); const u = ctx.uuid();`),
  ],
  invalid: [
    {
      code: handler(`const t = Date.now();`),
      errors: [
        {
          messageId: "nondeterministic",
          data: { call: "Date.now()", instead: "ctx.now().getTime()" },
          suggestions: [{ messageId: "replace", data: { replacement: "ctx.now().getTime()" }, output: handler(`const t = ctx.now().getTime();`) }],
        },
      ],
    },
    {
      code: handler(`const d = new Date();`),
      errors: [{ messageId: "nondeterministic", suggestions: [{ messageId: "replace", data: { replacement: "ctx.now()" }, output: handler(`const d = ctx.now();`) }] }],
    },
    {
      code: handler(`if (Math.random() < 0.5) await ctx.step("a", async () => 1);`),
      errors: [
        {
          messageId: "nondeterministic",
          suggestions: [{ messageId: "replace", data: { replacement: "ctx.random()" }, output: handler(`if (ctx.random() < 0.5) await ctx.step("a", async () => 1);`) }],
        },
      ],
    },
    {
      code: handler(`const id = crypto.randomUUID();`),
      errors: [
        { messageId: "nondeterministic", suggestions: [{ messageId: "replace", data: { replacement: "ctx.uuid()" }, output: handler(`const id = ctx.uuid();`) }] },
      ],
    },
    {
      code: `import { randomUUID } from "node:crypto";\n` + handler(`const id = randomUUID();`),
      errors: [
        {
          messageId: "nondeterministic",
          suggestions: [{ messageId: "replace", output: `import { randomUUID } from "node:crypto";\n` + handler(`const id = ctx.uuid();`) }],
        },
      ],
    },
    { code: handler(`const t = performance.now();`), errors: [{ messageId: "nondeterministic", suggestions: [] }] },
    {
      code: handler(`const r = await fetch("https://example.com");`),
      errors: [{ messageId: "nondeterministic", data: { call: "fetch()", instead: "a step" }, suggestions: [] }],
    },
    { code: handler(`const a = process.hrtime(); const b = process.hrtime.bigint();`), errors: [{ messageId: "nondeterministic" }, { messageId: "nondeterministic" }] },
    // in a child context and a map item, suggesting that context
    {
      code: handler(`await ctx.runInChildContext("c", async (child) => { const t = Date.now(); });`),
      errors: [
        {
          messageId: "nondeterministic",
          suggestions: [{ messageId: "replace", output: handler(`await ctx.runInChildContext("c", async (child) => { const t = child.now().getTime(); });`) }],
        },
      ],
    },
    {
      code: handler(`await ctx.map("m", event.items, async (child, item) => Math.random());`),
      errors: [
        {
          messageId: "nondeterministic",
          suggestions: [{ messageId: "replace", output: handler(`await ctx.map("m", event.items, async (child, item) => child.random());`) }],
        },
      ],
    },
    // in a helper closure defined in the handler
    {
      code: handler(`const stamp = () => Date.now(); await ctx.step("a", async () => 1); stamp();`),
      errors: [
        {
          messageId: "nondeterministic",
          suggestions: [{ messageId: "replace", output: handler(`const stamp = () => ctx.now().getTime(); await ctx.step("a", async () => 1); stamp();`) }],
        },
      ],
    },
    // a handler given by name
    {
      code: `import { durableExecution } from "@durable-ts/sdk";\nasync function run(event, context) { return Math.random(); }\nexport const handler = durableExecution(run);`,
      errors: [
        {
          messageId: "nondeterministic",
          suggestions: [
            {
              messageId: "replace",
              output: `import { durableExecution } from "@durable-ts/sdk";\nasync function run(event, context) { return context.random(); }\nexport const handler = durableExecution(run);`,
            },
          ],
        },
      ],
    },
    // a parallel branch
    {
      code: handler(`await ctx.parallel([async (b) => Date.now(), { name: "x", func: async (b) => Math.random() }]);`),
      errors: [
        {
          messageId: "nondeterministic",
          suggestions: [
            { messageId: "replace", output: handler(`await ctx.parallel([async (b) => b.now().getTime(), { name: "x", func: async (b) => Math.random() }]);`) },
          ],
        },
        {
          messageId: "nondeterministic",
          suggestions: [{ messageId: "replace", output: handler(`await ctx.parallel([async (b) => Date.now(), { name: "x", func: async (b) => b.random() }]);`) }],
        },
      ],
    },
  ],
});
