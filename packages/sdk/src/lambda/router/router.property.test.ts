import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { direct } from "./catch-all.js";
import { httpApi } from "./http-api.js";
import { router } from "./router.js";
import { context, httpEvent } from "./test-events.js";

const segment = fc.constantFrom("a", "b", "{x}", "{y}");
const template = fc
  .tuple(fc.array(segment, { minLength: 0, maxLength: 3 }), fc.boolean())
  .map(([parts, greedy]) => `/${[...parts, ...(greedy ? ["{rest+}"] : [])].join("/")}`);
const method = fc.constantFrom("GET", "POST", "ANY");
const request = fc.tuple(fc.constantFrom("GET", "POST", "DELETE"), fc.array(fc.constantFrom("a", "b", "c"), { minLength: 0, maxLength: 4 }));
/** The shape two templates share when they claim the same requests: parameter names do not count. */
const shape = (m: string, path: string) => `${m} ${path.replace(/\{[a-z]+\+\}/g, "{+}").replace(/\{[a-z]+\}/g, "{}")}`;

describe("router matching (property)", () => {
  it("picks the same route for an event whatever the order of the list", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(method, template), { minLength: 1, maxLength: 6, selector: ([m, p]) => shape(m, p) }),
        fc.boolean(),
        request,
        fc.integer({ min: 0, max: 1_000 }),
        async (specs, withDirect, [requestMethod, parts], seed) => {
          const routes = specs.map(([m, p]) => httpApi({ method: m as "GET", path: p, handler: () => ({ route: `${m} ${p}` }) }));
          if (withDirect) routes.push(direct({ handler: () => ({ route: "direct" }) }));
          const shuffled = [...routes].sort((x, y) => ((routes.indexOf(x) * 7919 + seed) % 13) - ((routes.indexOf(y) * 7919 + seed) % 13));
          const event = httpEvent(requestMethod, `/${parts.join("/")}`);
          const answer = (list: typeof routes) => router(list)(event, context) as Promise<{ statusCode: number; body?: string }>;
          const [a, b] = await Promise.all([answer(routes), answer(shuffled)]);
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 300 },
    );
  });
});
