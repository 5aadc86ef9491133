import { handler, ruleTester } from "../rule-tester.js";
import { noOuterMutationInStep } from "./no-outer-mutation-in-step.js";

ruleTester.run("no-outer-mutation-in-step", noOuterMutationInStep, {
  valid: [
    handler(`const total = await ctx.step("sum", async () => { let s = 0; for (const x of event.xs) s += x; return s; });`),
    handler(`let n = 0; n = await ctx.step(async () => 1); n++;`),
    // an outer object read, not written
    handler(`const cfg = { a: 1 }; await ctx.step(async () => cfg.a + 1);`),
    // outside durable code
    `let hits = 0; export const f = async () => { hits++; };`,
  ],
  invalid: [
    { code: handler(`let count = 0; await ctx.step("inc", async () => { count++; });`), errors: [{ messageId: "mutation", data: { name: "count", operation: "step" } }] },
    {
      code: handler(`let last; await ctx.step(async () => { last = await fetch("x"); });`),
      errors: [{ messageId: "mutation", data: { name: "last", operation: "step" } }],
    },
    {
      code: handler(`const state = { n: 0 }; await ctx.step(async () => { state.n += 1; });`),
      errors: [{ messageId: "mutation", data: { name: "state", operation: "step" } }],
    },
    {
      code: `let sent = 0;\n` + handler(`await ctx.waitForCallback("cb", async (id) => { sent = sent + 1; });`),
      errors: [{ messageId: "mutation", data: { name: "sent", operation: "waitForCallback" } }],
    },
  ],
});
