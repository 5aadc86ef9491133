import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyRuns } from "./property-runs.js";
import { durable, runnerFor, START_MS, withClient } from "./support.js";

describe("deterministic now(), random(), uuid()", () => {
  it("now() is the (virtual) clock on first run and the recorded value on replay, as one STEP Now", async () => {
    const seen: number[] = [];
    const runner = runnerFor(
      durable(async (_e, ctx) => {
        const t = ctx.now();
        seen.push(t.getTime());
        await ctx.wait({ minutes: 10 });
        return [t.toISOString(), ctx.now().toISOString()];
      }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual([new Date(START_MS).toISOString(), new Date(START_MS + 600_000).toISOString()]);
    expect(seen).toEqual([START_MS, START_MS]);
    const nows = result.getOperations().filter((op) => op.getSubType() === "Now");
    expect(nows).toHaveLength(2);
    expect(nows[0]?.getType()).toBe("STEP");
  });

  it("random() and uuid() replay identically, cost no checkpoint, and differ between positions and executions", async () => {
    const draws: string[][] = [];
    const handler = durable(async (_e, ctx) => {
      const first = [String(ctx.random()), ctx.uuid(), String(ctx.random())];
      draws.push(first);
      await ctx.wait({ seconds: 1 });
      const second = [String(ctx.random()), ctx.uuid()];
      return [...first, ...second];
    });
    const a = runnerFor(handler);
    const ra = await a.run();
    expect(draws[0]).toEqual(draws[1]); // first invocation and replay
    const values = ra.getResult() as string[];
    expect(new Set(values).size).toBe(values.length);
    expect(values[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const calls = a.backend.checkpointCalls(a.backend.listExecutionArns()[0]!);
    expect(calls.flatMap((c) => c.updates).every((u) => u.Type === "WAIT" || u.Type === "EXECUTION")).toBe(true);
    const rb = await runnerFor(handler).run();
    expect(rb.getResult()).not.toEqual(values);
  });

  it("property: whatever checkpoint the invocation is cut at, every invocation draws the same random/uuid values, and now() returns what was recorded", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom("now", "random", "uuid", "step", "wait"), { minLength: 1, maxLength: 8 }), async (plan) => {
        const kinds = plan.filter((p) => p !== "wait");
        const run = async (cut: number | undefined) => {
          const perInvocation: string[][] = [];
          let n = 0;
          const handler = withClient(
            durable(async (_e, ctx) => {
              const seen: string[] = [];
              perInvocation.push(seen);
              for (const [i, what] of plan.entries()) {
                if (what === "now") seen.push(ctx.now().toISOString());
                else if (what === "random") seen.push(String(ctx.random()));
                else if (what === "uuid") seen.push(ctx.uuid());
                else if (what === "step") seen.push(await ctx.step(`s${i}`, async () => `step${i}`));
                else await ctx.wait({ seconds: 2 });
              }
              return seen;
            }),
            (client) => ({
              getExecutionState: (p) => client.getExecutionState(p),
              checkpoint: async (request) => {
                if (n++ === cut) throw Object.assign(new Error("cut"), { name: "NetworkError" });
                return client.checkpoint(request);
              },
            }),
          );
          const result = await runnerFor(handler).run();
          return { result, perInvocation, calls: n };
        };
        const baseline = await run(undefined);
        for (let cut = 0; cut < baseline.calls; cut++) {
          const { result, perInvocation } = await run(cut);
          const final = result.getResult() as string[];
          const derived = (values: string[]) => values.map((v, i) => (kinds[i] === "random" || kinds[i] === "uuid" ? v : "-"));
          // Every invocation saw the same derived values as the final one, at every position it reached.
          for (const seen of perInvocation) expect(derived(seen)).toEqual(derived(final).slice(0, seen.length));
          // What the code returned for now() is what the log recorded (a cut before persisting took a new reading).
          const recorded = result
            .getOperations()
            .filter((op) => op.getSubType() === "Now")
            .map((op) => new Date(Number(op.getOperationData().StepDetails?.Result)).toISOString());
          expect(final.filter((_v, i) => kinds[i] === "now")).toEqual(recorded);
        }
      }),
      { numRuns: propertyRuns(40) },
    );
  }, 120_000);
});
