import type { ErrorObject } from "@aws-sdk/client-lambda";
import { SuperJSON } from "superjson";
import { describe, expect, it } from "vitest";
import { errorFromErrorObject, errorToErrorObject, MAX_ERROR_CAUSE_DEPTH } from "./error-codec.js";
import { ConfigError, StepError } from "./index.js";

const roundTrip = (e: unknown, classes?: Parameters<typeof errorFromErrorObject>[1]): Error => errorFromErrorObject(errorToErrorObject(e), classes);
const envelopeOf = (o: ErrorObject): Record<string, unknown> => JSON.parse(o.ErrorData!) as Record<string, unknown>;

class ValidationError extends Error {
  constructor(
    message: string,
    readonly fieldName: string,
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

describe("errorToErrorObject", () => {
  it("records name, message and stack lines, and nothing else for a plain error", () => {
    const e = new TypeError("bad type");
    expect(errorToErrorObject(e)).toEqual({ ErrorType: "TypeError", ErrorMessage: "bad type", StackTrace: e.stack!.split("\n") });
    expect(errorToErrorObject(e, { stackTraces: false })).toEqual({ ErrorType: "TypeError", ErrorMessage: "bad type" });
  });

  it("writes errorData verbatim when nothing more must be kept", () => {
    const o = errorToErrorObject(new StepError("x", undefined, "raw-data"), { stackTraces: false });
    expect(o).toEqual({ ErrorType: "StepError", ErrorMessage: "x", ErrorData: "raw-data" });
  });

  it("writes the envelope when props or a cause must be kept", () => {
    const e = new StepError("outer", new ValidationError("inner", "email"), "raw");
    const env = envelopeOf(errorToErrorObject(e, { stackTraces: false }));
    expect(env).toMatchObject({ durableError: 1, data: "raw", cause: { ErrorType: "ValidationError", ErrorMessage: "inner" } });
    expect(envelopeOf(env.cause as ErrorObject)).toMatchObject({ props: { json: { fieldName: "email" } } });
  });

  it("records a thrown non-Error value with its value kept", () => {
    expect(errorToErrorObject("plain")).toMatchObject({ ErrorType: "Error", ErrorMessage: "plain" });
    expect(errorToErrorObject(42)).toMatchObject({ ErrorType: "Error", ErrorMessage: "42" });
    expect(errorToErrorObject({ code: 7 })).toMatchObject({ ErrorMessage: '{"code":7}' });
    expect(errorToErrorObject({ n: 1n })).toMatchObject({ ErrorMessage: '{"n":"1"}' });
    expect(errorToErrorObject(undefined)).toMatchObject({ ErrorMessage: "undefined" });
  });

  it("cuts cause cycles and stops at the depth limit", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    (a as { cause?: unknown }).cause = b;
    const back = roundTrip(a);
    expect((back.cause as Error).message).toBe("b");
    expect((back.cause as Error).cause).toBeUndefined();

    let chain = new Error("e0");
    for (let i = 1; i <= 12; i++) chain = new Error(`e${i}`, { cause: chain });
    let depth = 0;
    for (let e: unknown = roundTrip(chain); (e as Error).cause !== undefined; e = (e as Error).cause) depth++;
    expect(depth).toBe(MAX_ERROR_CAUSE_DEPTH);
  });

  it("leaves out a property whose getter throws, and never throws itself", () => {
    const e = new Error("x");
    Object.defineProperty(e, "bad", {
      enumerable: true,
      get: () => {
        throw new Error("no");
      },
    });
    Object.defineProperty(e, "good", { enumerable: true, value: 1 });
    expect((roundTrip(e) as Error & { good: number }).good).toBe(1);
    const hostile = new Proxy(new Error("p"), {
      ownKeys: () => {
        throw new Error("trap");
      },
    });
    expect(errorToErrorObject(hostile)).toEqual({ ErrorType: "Error", ErrorMessage: "The thrown value could not be recorded" });
  });
});

describe("errorFromErrorObject", () => {
  it("restores built-in classes with name, message and stack", () => {
    const e = new RangeError("out of range");
    const back = roundTrip(e);
    expect(back).toBeInstanceOf(RangeError);
    expect(back.message).toBe("out of range");
    expect(back.stack).toBe(e.stack);
  });

  it("restores a registered class without calling its constructor, props included", () => {
    const when = new Date(7);
    const e = Object.assign(new ValidationError("bad", "email"), { when, tags: new Map([["a", 1n]]) });
    const back = roundTrip(e, [ValidationError]) as ValidationError & { when: Date; tags: Map<string, bigint> };
    expect(back).toBeInstanceOf(ValidationError);
    expect(back.name).toBe("ValidationError");
    expect(back.fieldName).toBe("email");
    expect(back.when).toEqual(when);
    expect(back.tags).toEqual(new Map([["a", 1n]]));
  });

  it("restores SDK errors with their fields", () => {
    const back = roundTrip(new ConfigError("INVALID_NAME", "bad", "name"));
    expect(back).toBeInstanceOf(ConfigError);
    expect(back).toMatchObject({ code: "INVALID_NAME", field: "name" });
  });

  it("gives an unknown name a plain Error carrying that name", () => {
    const back = errorFromErrorObject({ ErrorType: "ProviderOutage", ErrorMessage: "down" });
    expect(Object.getPrototypeOf(back)).toBe(Error.prototype);
    expect(back.name).toBe("ProviderOutage");
    expect(back.stack).toBe("ProviderOutage: down");
    expect(errorToErrorObject(back)).toEqual({ ErrorType: "ProviderOutage", ErrorMessage: "down" });
  });

  it("writes props and thrown values exactly as superjson did, and reads what earlier versions wrote through it", () => {
    const shared = { id: 1 };
    const props = { at: new Date(9), tags: new Set(["a"]), big: 5n, first: shared, second: shared, gone: undefined };
    const e = Object.assign(new Error("m"), props);
    const o = errorToErrorObject(e, { stackTraces: false });
    const earlier: ErrorObject = { ...o, ErrorData: JSON.stringify({ durableError: 1, props: new SuperJSON().serialize(props) }) };
    expect(o.ErrorData).toBe(earlier.ErrorData);
    const back = errorFromErrorObject(earlier) as Error & typeof props;
    expect({ ...back }).toEqual(props);
    expect(back.second).toBe(back.first);
    const thrown = { when: new Date(1), list: [1n] };
    const recorded = errorToErrorObject(thrown);
    expect(recorded.ErrorData).toBe(JSON.stringify({ durableError: 1, thrown: new SuperJSON().serialize(thrown) }));
    expect(errorFromErrorObject({ ErrorType: "StepError", ErrorMessage: "s", ErrorData: JSON.stringify({ durableError: 1, cause: recorded }) }).cause).toEqual(thrown);
  });

  it("keeps foreign ErrorData as errorData verbatim", () => {
    for (const data of ["text", '{"other":1}', '{"durableError":2}']) {
      const back = errorFromErrorObject({ ErrorType: "Error", ErrorMessage: "m", ErrorData: data }) as Error & { errorData: string };
      expect(back.errorData).toBe(data);
    }
  });

  it("returns a thrown value as itself in cause position, and as an Error at the top", () => {
    const e = new Error("outer", { cause: { code: 7, at: new Date(1) } });
    expect(roundTrip(e).cause).toEqual({ code: 7, at: new Date(1) });
    const top = roundTrip("just a string");
    expect(top).toBeInstanceOf(Error);
    expect(top.message).toBe("just a string");
    expect(errorToErrorObject(top)).toEqual(errorToErrorObject("just a string"));
  });

  it("restores AggregateError.errors", () => {
    const e = new AggregateError([new TypeError("t"), "s"], "many");
    const back = roundTrip(e) as AggregateError;
    expect(back).toBeInstanceOf(AggregateError);
    expect(back.errors[0]).toBeInstanceOf(TypeError);
    expect(back.errors[1]).toBe("s");
  });
});

describe("truncation", () => {
  const big = (): Error => {
    const e = new Error("m".repeat(2000), { cause: new Error("c".repeat(2000)) });
    e.stack = ["Error: head", ...Array.from({ length: 200 }, (_, i) => `    at frame${i} (file.js:${i}:1)`)].join("\n");
    return e;
  };
  const size = (o: ErrorObject): number => Buffer.byteLength(JSON.stringify(o));

  it("drops stack lines first, keeping the first ones", () => {
    const full = errorToErrorObject(big(), { maxBytes: 1e9 });
    const limit = size({ ...full, StackTrace: undefined }) + 1000;
    const o = errorToErrorObject(big(), { maxBytes: limit });
    expect(size(o)).toBeLessThanOrEqual(limit);
    expect(o.StackTrace!.length).toBeGreaterThan(0);
    expect(o.StackTrace!.length).toBeLessThan(201);
    expect(o.StackTrace![0]).toBe("Error: head");
    expect(o.ErrorData).toBeDefined();
  });

  it("then drops ErrorData, then cuts the message", () => {
    const noData = errorToErrorObject(big(), { maxBytes: 3000 });
    expect(noData.StackTrace).toBeUndefined();
    expect(noData.ErrorData).toBeUndefined();
    expect(noData.ErrorMessage).toHaveLength(2000);
    const cut = errorToErrorObject(big(), { maxBytes: 500 });
    expect(size(cut)).toBeLessThanOrEqual(500);
    expect(cut.ErrorMessage!.endsWith("…")).toBe(true);
  });

  it("is deterministic and idempotent", () => {
    const o = errorToErrorObject(big(), { maxBytes: 1000 });
    expect(errorToErrorObject(big(), { maxBytes: 1000 })).toEqual(o);
    expect(errorToErrorObject(errorFromErrorObject(o), { maxBytes: 1000 })).toEqual(o);
  });

  it("cuts multi-byte messages on code-point boundaries", () => {
    const o = errorToErrorObject(new Error("😀".repeat(100)), { maxBytes: 120, stackTraces: false });
    expect(size(o)).toBeLessThanOrEqual(120);
    expect(o.ErrorMessage).toMatch(/^(😀)+…$/u);
  });
});
