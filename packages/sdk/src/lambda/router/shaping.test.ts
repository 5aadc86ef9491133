import { describe, expect, it } from "vitest";
import { HandlerError } from "../handler-error.js";
import { direct } from "./catch-all.js";
import { router } from "./router.js";
import type { CatchRule, ReturnRule } from "./shaping.js";
import { context } from "./test-events.js";

type R = { n: number };
const whenBig = (tag: string): ReturnRule<unknown, R> => ({ when: ({ result }) => result.n > 10, body: () => tag });
const whenNeg = (tag: string): ReturnRule<unknown, R> => ({ when: ({ result }) => result.n < 0, body: () => tag });
const fallback = (tag: string): ReturnRule<unknown, R> => ({ body: () => tag });

const run = (returns: ReturnRule<unknown, R>[] | undefined, n: number) => router([direct({ handler: (): R => ({ n }), returns })])({}, context);

describe("returns: precedence", () => {
  const table: [string, ReturnRule<unknown, R>[] | undefined, number, unknown][] = [
    ["no returns: the result as it is", undefined, 5, { n: 5 }],
    ["empty returns: the result as it is", [], 5, { n: 5 }],
    ["the first entry whose when holds wins", [whenBig("big-1"), whenBig("big-2")], 50, "big-1"],
    ["a later matching when wins over an earlier one that does not hold", [whenNeg("neg"), whenBig("big")], 50, "big"],
    ["a matching when beats a fallback listed before it", [fallback("fb"), whenBig("big")], 50, "big"],
    ["a matching when beats a fallback listed after it", [whenBig("big"), fallback("fb")], 50, "big"],
    ["no when holds: the first fallback", [whenBig("big"), fallback("fb-1"), fallback("fb-2")], 5, "fb-1"],
    ["no when holds and no fallback: the result as it is", [whenBig("big"), whenNeg("neg")], 5, { n: 5 }],
    ["only fallbacks: the first", [fallback("fb-1"), fallback("fb-2")], 5, "fb-1"],
  ];
  it.each(table)("%s", async (_rule, returns, n, expected) => {
    expect(await run(returns, n)).toEqual(expected);
  });

  it("computes the body from event, context and result", async () => {
    const handler = router([
      direct({
        handler: (input: { a: number }) => input.a * 2,
        returns: [{ body: ({ event, context: ctx, result }) => ({ event, requestId: ctx.awsRequestId, result }) }],
      }),
    ]);
    expect(await handler({ a: 4 }, context)).toEqual({ event: { a: 4 }, requestId: "req-1", result: 8 });
  });

  it("does not evaluate later entries once one won", async () => {
    const seen: string[] = [];
    const probe = (tag: string, holds: boolean): ReturnRule<unknown, R> => ({ when: () => (seen.push(tag), holds), body: () => tag });
    expect(await run([probe("a", false), probe("b", true), probe("c", true)], 1)).toBe("b");
    expect(seen).toEqual(["a", "b"]);
  });
});

const err = (code: string, data?: unknown) => new HandlerError(code, `failed with ${code}`, data);
const catchCode = (code: string | string[], tag: string, when?: CatchRule<unknown>["when"]): CatchRule<unknown> => ({ code, when, body: () => tag });
const runCatching = (catches: CatchRule<unknown>[] | undefined, thrown: unknown) => router([direct({ handler: () => Promise.reject(thrown), catches })])({}, context);

describe("catches: precedence", () => {
  const table: [string, CatchRule<unknown>[], unknown, unknown][] = [
    ["the entry whose code matches", [catchCode("A", "a"), catchCode("B", "b")], err("B"), "b"],
    ["one of several codes", [catchCode(["X", "B"], "xb")], err("B"), "xb"],
    ["the first matching entry in order", [catchCode("B", "b-1"), catchCode("B", "b-2")], err("B"), "b-1"],
    [
      "a when that does not hold passes to the next entry",
      [catchCode("B", "guarded", ({ error }) => error.data === "special"), catchCode("B", "plain")],
      err("B"),
      "plain",
    ],
    ["a when that holds wins", [catchCode("B", "guarded", ({ error }) => error.data === "special"), catchCode("B", "plain")], err("B", "special"), "guarded"],
    ["an entry without when listed first wins (order decides among code matches)", [catchCode("B", "plain"), catchCode("B", "guarded", () => true)], err("B"), "plain"],
    ["any thrown value with a string code qualifies", [catchCode("ENOENT", "missing")], Object.assign(new Error("no file"), { code: "ENOENT" }), "missing"],
  ];
  it.each(table)("%s", async (_rule, catches, thrown, expected) => {
    expect(await runCatching(catches, thrown)).toEqual(expected);
  });

  const propagates: [string, CatchRule<unknown>[] | undefined, unknown][] = [
    ["no catches", undefined, err("B")],
    ["no entry for the code", [catchCode("A", "a")], err("B")],
    ["the only entry's when does not hold", [catchCode("B", "b", () => false)], err("B")],
    ["an error without code", [catchCode("B", "b")], new Error("plain")],
    ["a non-string code", [catchCode("42", "b")], Object.assign(new Error("numeric"), { code: 42 })],
    ["a thrown string", [catchCode("B", "b")], "B"],
  ];
  it.each(propagates)("propagates with %s", async (_rule, catches, thrown) => {
    await expect(runCatching(catches, thrown)).rejects.toBe(thrown);
  });

  it("computes the body from event, context and error", async () => {
    const handler = router([
      direct({
        handler: () => Promise.reject(err("NOPE", { id: 7 })),
        catches: [
          { code: "NOPE", body: ({ event, context: ctx, error }) => ({ event, fn: ctx.functionName, code: error.code, data: error.data, message: error.message }) },
        ],
      }),
    ]);
    expect(await handler({ q: 1 }, context)).toEqual({ event: { q: 1 }, fn: "fn", code: "NOPE", data: { id: 7 }, message: "failed with NOPE" });
  });

  it("also catches errors thrown by inputs", async () => {
    const handler = router([direct({ inputs: () => Promise.reject(err("BAD_INPUT")), handler: () => "never", catches: [catchCode("BAD_INPUT", "rejected")] })]);
    expect(await handler({}, context)).toBe("rejected");
  });

  it("does not apply returns to a caught error", async () => {
    const handler = router([direct({ handler: () => Promise.reject(err("B")), returns: [fallback("returned") as never], catches: [catchCode("B", "caught")] })]);
    expect(await handler({}, context)).toBe("caught");
  });
});

describe("inputs", () => {
  it("maps event and context to the handler's input", async () => {
    const handler = router([direct({ inputs: (event: { id: string }, ctx) => ({ id: Number(event.id), by: ctx.functionName }), handler: (input) => input })]);
    expect(await handler({ id: "12" }, context)).toEqual({ id: 12, by: "fn" });
  });
});
