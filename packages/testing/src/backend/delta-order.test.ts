import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openInvocation, u } from "./test-support.js";

describe("checkpoint delta", () => {
  it("lists the operations a checkpoint changed in start order, whether few among many or most of them changed", async () => {
    // Each batch STARTs `fresh` new steps and SUCCEEDs a choice of the steps STARTed before, named
    // by position from the newest: the delta must name exactly those, ordered as GetState lists them.
    const batch = fc.record({ fresh: fc.integer({ min: 0, max: 30 }), finish: fc.uniqueArray(fc.nat({ max: 60 }), { maxLength: 12 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 8 }), async (batches) => {
        const env = openInvocation();
        const open: string[] = [];
        let next = 0;
        for (const { fresh, finish } of batches) {
          const finishing = [...new Set(finish.filter((back) => back < open.length).map((back) => open[open.length - 1 - back]!))];
          const starting = Array.from({ length: fresh }, () => `s${next++}`);
          const updates = [...starting.map((id) => u("STEP", "START", id)), ...finishing.map((id) => u("STEP", "SUCCEED", id, { Payload: "1" }))];
          if (updates.length === 0) continue;
          const response = await env.checkpoint(updates);
          const touched = new Set([...starting, ...finishing]);
          const inStartOrder = env.backend
            .getOperations(env.arn)
            .map((operation) => operation.Id!)
            .filter((id) => touched.has(id));
          expect(response.NewExecutionState!.Operations!.map((operation) => operation.Id)).toEqual(inStartOrder);
          open.push(...starting);
          for (const id of finishing) open.splice(open.indexOf(id), 1);
        }
      }),
    );
  });
});
