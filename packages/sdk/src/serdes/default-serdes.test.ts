import fc from "fast-check";
import SuperJSON from "superjson";
import { describe, expect, it } from "vitest";
import { propertyRuns } from "../../test/property-runs.js";
import { ClassRegistry } from "../superjson-format/index.js";
import { createFormatSerdes, decodeDefaultPayloadSync, defaultSerdes } from "./default-serdes.js";
import type { SerdesContext } from "./serdes.js";

const ctx: SerdesContext = { entityId: "op-1", durableExecutionArn: "arn:x", operationId: "op-1", operationName: "step" };
const roundTrip = async (v: unknown): Promise<unknown> => defaultSerdes.deserialize(await defaultSerdes.serialize(v, ctx), ctx);

describe("defaultSerdes", () => {
  it("writes undefined as no payload and reads no payload or an empty string as undefined", async () => {
    expect(await defaultSerdes.serialize(undefined, ctx)).toBeUndefined();
    expect(await defaultSerdes.deserialize(undefined, ctx)).toBeUndefined();
    expect(await defaultSerdes.deserialize("", ctx)).toBeUndefined();
  });

  it("writes JSON-native values exactly as JSON.stringify does", async () => {
    for (const v of [null, 0, 1.5, "x", true, [1, "a", null], { a: { b: [1, 2] }, c: "d" }]) {
      expect(await defaultSerdes.serialize(v, ctx)).toBe(JSON.stringify(v));
    }
  });

  it("keeps Date, Map, Set, BigInt, RegExp, NaN, Infinity and undefined fields", async () => {
    const value = {
      when: new Date("2024-01-02T03:04:05.678Z"),
      map: new Map<unknown, unknown>([
        ["k", 1],
        [2, new Set([1n])],
      ]),
      big: 12345678901234567890n,
      re: /ab+c/gi,
      nan: NaN,
      inf: -Infinity,
      missing: undefined,
      list: [undefined, 1],
    };
    const data = await defaultSerdes.serialize(value, ctx);
    expect(JSON.parse(data!)).toHaveProperty("$sj.v", 1);
    const back = (await defaultSerdes.deserialize(data, ctx)) as typeof value;
    expect(back).toEqual(value);
    expect(back.when).toBeInstanceOf(Date);
    expect("missing" in back).toBe(true);
  });

  it("wraps values holding an own $sj key so they are not mistaken for the envelope", async () => {
    for (const v of [{ $sj: { json: 1 } }, [{ a: { $sj: 2 } }], { $sj: "x", other: 1 }]) {
      const data = await defaultSerdes.serialize(v, ctx);
      expect(Object.keys(JSON.parse(data!))).toEqual(["$sj"]);
      expect(await defaultSerdes.deserialize(data, ctx)).toEqual(v);
    }
  });

  it("reads an envelope without v as version 1, and rejects a newer version as a non-retryable SerdesError", async () => {
    const { json, meta } = SuperJSON.serialize(new Date(5));
    expect(await defaultSerdes.deserialize(JSON.stringify({ $sj: { json, meta } }), ctx)).toEqual(new Date(5));
    const newer = JSON.stringify({ $sj: { json, meta, v: 2 } });
    await expect(defaultSerdes.deserialize(newer, ctx)).rejects.toMatchObject({
      name: "SerdesError",
      direction: "deserialize",
      retryable: false,
      operation: "step",
    });
  });

  it("reads plain JSON written by other SDKs", async () => {
    expect(await defaultSerdes.deserialize('{"a":[1,2]}', ctx)).toEqual({ a: [1, 2] });
    expect(await defaultSerdes.deserialize('{"$sj":1,"b":2}', ctx)).toEqual({ $sj: 1, b: 2 });
  });

  it("decodes payloads synchronously for tools", async () => {
    const value = { at: new Date(3), n: 1n };
    expect(decodeDefaultPayloadSync(await defaultSerdes.serialize(value, ctx))).toEqual(value);
    expect(decodeDefaultPayloadSync('[1,"a"]')).toEqual([1, "a"]);
    expect(decodeDefaultPayloadSync(undefined)).toBeUndefined();
    expect(() => decodeDefaultPayloadSync("{oops")).toThrow(SyntaxError);
  });

  it("keeps shared references", async () => {
    const shared = { n: 1 };
    const back = (await roundTrip({ a: shared, b: shared })) as { a: object; b: object };
    expect(back.a).toBe(back.b);
  });

  it("uses the class registry it is given", async () => {
    class Point {
      constructor(
        public x = 0,
        public y = 0,
      ) {}
    }
    const classes = new ClassRegistry();
    classes.register(Point, "Point");
    const serdes = createFormatSerdes(classes);
    const back = await serdes.deserialize(await serdes.serialize(new Point(1, 2), ctx), ctx);
    expect(back).toBeInstanceOf(Point);
    expect(back).toEqual(new Point(1, 2));
  });

  it("accepts keys named __proto__, constructor and prototype in plain JSON values", async () => {
    const v = JSON.parse('{"__proto__":{"a":1},"constructor":"c","nested":[{"prototype":null}]}') as unknown;
    const data = await defaultSerdes.serialize(v, ctx);
    expect(data).toBe(JSON.stringify(v));
    expect(await defaultSerdes.deserialize(data, ctx)).toStrictEqual(v);
  });

  it("rejects such keys when the value also needs type metadata", async () => {
    await expect(defaultSerdes.serialize({ constructor: new Date(0) }, ctx)).rejects.toThrow(/constructor/);
  });

  it("law: deserialize(serialize(v)) deep-equals v", async () => {
    // superjson refuses these keys in values that need metadata (tested above).
    const key = fc.string().filter((k) => !["__proto__", "constructor", "prototype"].includes(k));
    const value = fc.anything({
      key,
      withDate: true,
      withMap: true,
      withSet: true,
      withBigInt: true,
      maxDepth: 3,
    });
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        // An invalid Date is refused (tested above).
        fc.pre(!containsInvalidDate(v));
        expect(await roundTrip(v)).toStrictEqual(v);
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it("reads envelopes written by earlier versions of this SDK (through superjson)", async () => {
    const shared = { n: 1 };
    const value = { at: new Date(7), tags: new Set(["a"]), big: 2n ** 70n, shared, again: [shared], nothing: undefined, "a.b\\c": NaN };
    const earlier = JSON.stringify({ $sj: { ...new SuperJSON().serialize(value), v: 1 } });
    expect(await defaultSerdes.serialize(value, ctx)).toBe(earlier);
    const back = (await defaultSerdes.deserialize(earlier, ctx)) as typeof value;
    expect(back).toEqual(value);
    expect(back.again[0]).toBe(back.shared);
  });

  it("refuses an invalid Date, a DataView and typed arrays the format cannot read back, naming the path", async () => {
    const cases: [unknown, RegExp][] = [
      [{ when: new Date(Number.NaN) }, /\$\.when is an invalid Date/],
      [{ view: new DataView(new ArrayBuffer(2)) }, /\$\.view is a DataView/],
      [{ bytes: Buffer.from("hi") }, /\$\.bytes is a Buffer/],
      [[new BigInt64Array(1)], /\$\[0\] is a BigInt64Array/],
      [{ samples: new Float64Array([1, Number.NaN]) }, /\$\.samples\[1\] is NaN in a Float64Array/],
      [{ samples: new Float32Array([-0]) }, /\$\.samples\[0\] is -0 in a Float32Array/],
    ];
    for (const [value, message] of cases) {
      await expect(defaultSerdes.serialize(value, ctx)).rejects.toMatchObject({ name: "SerdesError", retryable: false, message: expect.stringMatching(message) });
    }
  });

  it("law: writes every value exactly as passing it through superjson first would", async () => {
    // The reference: superjson on every value; plain JSON text when it records no metadata.
    const reference = new SuperJSON();
    const referenceWrite = (v: unknown): string | undefined => {
      const { json, meta } = reference.serialize(v as never);
      return meta === undefined && !hasOwnKey(v, "$sj") ? JSON.stringify(v) : JSON.stringify({ $sj: { json, meta, v: 1 } });
    };
    const key = fc.string().filter((k) => !["__proto__", "constructor", "prototype"].includes(k));
    const leaf = fc.anything({
      key: fc.oneof(key, fc.constant("$sj")),
      withDate: true,
      withMap: true,
      withSet: true,
      withBigInt: true,
      withNullPrototype: true,
      maxDepth: 2,
    });
    // The same object twice, so shared references (which superjson records) are covered.
    const value = fc.oneof(
      leaf,
      leaf.map((v) => ({ a: v, b: [v] })),
    );
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        fc.pre(v !== undefined);
        // An invalid Date is refused (superjson would write null; tested above).
        fc.pre(!containsInvalidDate(v));
        expect(await defaultSerdes.serialize(v, ctx)).toBe(referenceWrite(v));
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it("law: a JSON-only value is written as JSON.stringify(v)", async () => {
    await fc.assert(
      // Normalised through JSON so -0 (which needs metadata to survive) becomes 0.
      fc.asyncProperty(
        fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown),
        async (v) => {
          const data = await defaultSerdes.serialize(v, ctx);
          expect(data).toBe(JSON.stringify(v));
          expect(await defaultSerdes.deserialize(data, ctx)).toStrictEqual(JSON.parse(JSON.stringify(v)));
        },
      ),
      { numRuns: propertyRuns(500) },
    );
  });
});

function containsInvalidDate(value: unknown, seen = new Set<unknown>()): boolean {
  if (value instanceof Date) return Number.isNaN(value.getTime());
  if (typeof value !== "object" || value === null || seen.has(value)) return false;
  seen.add(value);
  const children = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
  return children.some((child) => containsInvalidDate(child, seen));
}

function hasOwnKey(value: unknown, key: string): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, key)) return true;
  return Object.values(value).some((child) => hasOwnKey(child, key));
}
