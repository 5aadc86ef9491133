import { describe, expect, it } from "vitest";
import { ClassRegistry, deserialize, serialize, SuperjsonFormatError, type SuperjsonResult } from "./index.js";

const roundTrip = (value: unknown, classes?: ClassRegistry): unknown => deserialize(JSON.parse(JSON.stringify(serialize(value, classes))) as SuperjsonResult, classes);

describe("superjson format", () => {
  it("writes plain JSON values without meta", () => {
    expect(serialize({ a: [1, "x", null, true] })).toEqual({ json: { a: [1, "x", null, true] } });
  });

  it("escapes dots and backslashes in annotation paths", () => {
    expect(serialize({ "a.b": undefined, "c\\d": 1n })).toEqual({
      json: { "a.b": null, "c\\d": "1" },
      meta: { values: { "a\\.b": ["undefined"], "c\\\\d": ["bigint"] }, v: 1 },
    });
  });

  it("reads paths written before format version 1, where a backslash is not an escape", () => {
    expect(deserialize({ json: { "c\\d": "2020-01-01T00:00:00.000Z" }, meta: { values: { "c\\d": ["Date"] } } })).toEqual({ "c\\d": new Date("2020-01-01") });
    expect(() => deserialize({ json: { "c\\d": "x" }, meta: { values: { "c\\d": ["Date"] }, v: 1 } })).toThrow(SuperjsonFormatError);
  });

  it("records shared and circular references and restores them", () => {
    const shared = { n: 1 };
    const root: Record<string, unknown> = { a: shared, b: [shared] };
    root.self = root;
    const written = serialize(root);
    expect(written.meta?.referentialEqualities).toEqual([["self"], { a: ["b.0"] }]);
    const back = roundTrip(root) as { a: object; b: object[]; self: unknown };
    expect(back.b[0]).toBe(back.a);
    expect(back.self).toBe(back);
  });

  it("brings registered classes back with their prototype, without calling the constructor", () => {
    class Money {
      static made = 0;
      constructor(public cents = 0) {
        Money.made += 1;
      }
      double(): number {
        return this.cents * 2;
      }
    }
    const classes = new ClassRegistry();
    classes.register(Money, "Money");
    classes.register(Money, "Renamed"); // the first identifier stays
    const money = new Money(5);
    expect(serialize(money, classes)).toEqual({ json: { cents: 5 }, meta: { values: [["class", "Money"]], v: 1 } });
    const back = roundTrip({ m: money }, classes) as { m: Money };
    expect(back.m).toBeInstanceOf(Money);
    expect(back.m.double()).toBe(10);
    expect(Money.made).toBe(1);
  });

  it("keeps an Error's name, message and cause only, as a plain Error", () => {
    const error = Object.assign(new TypeError("bad", { cause: 7 }), { code: "E1" });
    expect(serialize(error).json).toEqual({ name: "TypeError", message: "bad", cause: 7 });
    const back = roundTrip(error) as Error;
    expect(Object.getPrototypeOf(back)).toBe(Error.prototype);
    expect([back.name, back.message, back.cause, "code" in back]).toEqual(["TypeError", "bad", 7, false]);
  });

  it("refuses keys named __proto__, constructor or prototype in a value it walks", () => {
    expect(() => serialize({ constructor: new Date(0) })).toThrow(SuperjsonFormatError);
    expect(() => serialize(JSON.parse('{"__proto__":{"a":1}}'))).toThrow(/__proto__/);
  });

  it("never reaches a prototype from a payload", () => {
    const payload = JSON.parse('{"json":{"__proto__":{"polluted":"1"}},"meta":{"values":{"__proto__.polluted":["bigint"]},"v":1}}') as SuperjsonResult;
    expect(() => deserialize(payload)).toThrow(SuperjsonFormatError);
    const back = deserialize(JSON.parse('{"json":{"__proto__":{"polluted":1},"ok":1}}') as SuperjsonResult);
    expect(back).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("names what it cannot read", () => {
    const cases: [TypeAnnotationLike, string][] = [
      [["class", "Nope"], "class"],
      [["symbol", "s"], "symbol"],
      [["custom", "c"], "custom"],
      [["typed-array", "BigInt64Array"], "typed-array"],
      [["other", "x"], "annotation"],
      ["weird", "annotation"],
    ];
    for (const [type, kind] of cases) {
      expect(() => deserialize({ json: { a: 1 }, meta: { values: { a: [type] }, v: 1 } })).toThrow(expect.objectContaining({ name: "SuperjsonFormatError", kind }));
    }
  });

  it("reads every typed array superjson writes", () => {
    for (const Ctor of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array]) {
      expect(roundTrip(new Ctor([1, 2, 3]))).toEqual(new Ctor([1, 2, 3]));
    }
  });

  it("does not change the payload it reads", () => {
    const payload = JSON.parse(JSON.stringify(serialize({ when: new Date(0), list: new Set([1]) }))) as SuperjsonResult;
    const before = JSON.stringify(payload);
    deserialize(payload);
    expect(JSON.stringify(payload)).toBe(before);
  });
});

type TypeAnnotationLike = string | [string, string];
