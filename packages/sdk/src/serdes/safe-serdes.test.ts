import { describe, expect, it } from "vitest";
import { SerdesError } from "../errors/index.js";
import { deserializeValue, serializeValue, utf8ByteLength } from "./safe-serdes.js";
import type { Serdes, SerdesContext } from "./serdes.js";

const ctx: SerdesContext = { entityId: "e", durableExecutionArn: "arn:x", operationId: "op-9", operationName: "charge" };

const failing = (error: unknown): Serdes<unknown> => ({
  serialize: async () => {
    throw error;
  },
  deserialize: () => Promise.reject(error),
});

describe("serializeValue / deserializeValue", () => {
  it("passes results through", async () => {
    const serdes: Serdes<number> = { serialize: async (v) => String(v), deserialize: async (d) => Number(d) };
    expect(await serializeValue(serdes, 4, ctx)).toBe("4");
    expect(await deserializeValue(serdes, "5", ctx)).toBe(5);
  });

  it("wraps a failure as a non-retryable SerdesError naming the operation, keeping the cause", async () => {
    const cause = new TypeError("cannot encode");
    const error = await serializeValue(failing(cause), 1, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SerdesError);
    expect(error).toMatchObject({ direction: "serialize", retryable: false, operation: "charge", cause });
    expect((error as Error).message).toContain("cannot encode");
  });

  it("uses the operation id when the operation has no name", async () => {
    const error = await deserializeValue(failing("bad"), "x", { ...ctx, operationName: undefined }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "SerdesError", direction: "deserialize", operation: "op-9", cause: "bad" });
  });

  it("is retryable only when the serdes threw a retryable SerdesError", async () => {
    const transient = new SerdesError({ direction: "deserialize", retryable: true, message: "store unreachable" });
    const error = await deserializeValue(failing(transient), "x", ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: true, cause: transient });
    const fixed = new SerdesError({ direction: "deserialize", retryable: false });
    expect(await deserializeValue(failing(fixed), "x", ctx).catch((e: unknown) => e)).toMatchObject({ retryable: false });
  });

  it("wraps a synchronous throw too", async () => {
    const serdes = {
      serialize: (): Promise<string> => {
        throw new Error("sync");
      },
      deserialize: async (): Promise<undefined> => undefined,
    };
    await expect(serializeValue(serdes, 1, ctx)).rejects.toBeInstanceOf(SerdesError);
  });
});

describe("utf8ByteLength", () => {
  it("counts UTF-8 bytes, not UTF-16 units", () => {
    expect(utf8ByteLength("abc")).toBe(3);
    expect(utf8ByteLength("é")).toBe(2);
    expect(utf8ByteLength("😀")).toBe(4);
  });
});
