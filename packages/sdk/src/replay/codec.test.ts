import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultSerdes, jsonSerdes, type SerdesContext } from "../serdes/index.js";
import { decodePayload, encodePayload, plainPayload } from "./codec.js";

const context = (): SerdesContext => ({ entityId: "c4ca4238a0b92382", durableExecutionArn: "arn", operationId: "c4ca4238a0b92382" });
const settle = async <T>(value: T | Promise<T>): Promise<T> => value;

/** Values the default serdes writes as plain JSON, and values it needs its envelope for. */
const valueArb = fc.oneof(
  fc.jsonValue(),
  fc.anything({ withDate: true, withMap: true, withSet: true, withBigInt: true, withNullPrototype: false, withTypedArray: false, withSparseArray: true }),
  fc.record({ $sj: fc.jsonValue() }),
  fc.constantFrom(-0, Number.NaN, Infinity, undefined, [undefined], { a: undefined }),
);

describe("payload codec of the engine", () => {
  it("writes byte for byte what the default serdes writes, and gives back what a replay reads (property)", async () => {
    await fc.assert(
      fc.asyncProperty(valueArb, async (value) => {
        let expected: string | undefined;
        try {
          expected = await defaultSerdes.serialize(value, context());
        } catch {
          return; // the serdes refuses it; so does the codec (its slow path is the serdes)
        }
        const encoded = await settle(encodePayload(defaultSerdes, value, context));
        expect(encoded.payload).toBe(expected);
        expect(encoded.value).toEqual(await defaultSerdes.deserialize(expected, context()));
        expect(await settle(decodePayload(defaultSerdes, expected, context))).toEqual(encoded.value);
        const plain = plainPayload(defaultSerdes, value);
        if (plain) expect(plain.payload).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("reads plain payloads without a promise and leaves envelopes and other serdes to the serdes", () => {
    expect(decodePayload(defaultSerdes, '{"a":[1,"x",null]}', context)).toEqual({ a: [1, "x", null] });
    expect(decodePayload(defaultSerdes, undefined, context)).toBeUndefined();
    expect(encodePayload(defaultSerdes, 42, context)).toEqual({ payload: "42", value: 42 });
    expect(decodePayload(defaultSerdes, '{"$sj":{"json":"2026-01-01T00:00:00.000Z","meta":{"values":["Date"]},"v":1}}', context)).toBeInstanceOf(Promise);
    expect(encodePayload(jsonSerdes, 42, context)).toBeInstanceOf(Promise);
    expect(plainPayload(jsonSerdes, 42)).toBeUndefined();
  });

  it("hands a plain object back as a copy, as a replay would build it", () => {
    const value = { nested: { n: 1 } };
    const encoded = encodePayload(defaultSerdes, value, context) as { value: typeof value };
    expect(encoded.value).toEqual(value);
    expect(encoded.value).not.toBe(value);
  });
});
