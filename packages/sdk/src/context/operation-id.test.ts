import { describe, expect, it } from "vitest";
import { childRawId, hashOperationId } from "./operation-id.js";

describe("operation ids", () => {
  // Worked examples from shared/protocol.md §5: the official JS SDK's ids for the same positions.
  it.each([
    ["1", "c4ca4238a0b92382"],
    ["1-1", "ea66c06c1e1c05fa"],
    ["1-2", "98c6f2c2287f4c73"],
    ["2", "c81e728d9d4c2f63"],
    ["2-1", "8fbdbf5573b18fae"],
    ["2-2", "3c46a0407be60a1f"],
    ["2-1-1", "de9160b4a2cf6c27"],
    ["3", "eccbc87e4b5ce2fe"],
  ])("raw id %s hashes to the official wire id %s", (raw, wire) => {
    expect(hashOperationId(raw)).toBe(wire);
  });

  it("numbers children under their parent's raw id, top level without prefix", () => {
    expect(childRawId("", 1)).toBe("1");
    expect(childRawId("2", 1)).toBe("2-1");
    expect(childRawId("2-1", 3)).toBe("2-1-3");
  });

  it("gives the same ids from its cache of recent ids, also after the cache filled and was emptied", () => {
    const first = Array.from({ length: 25_000 }, (_, i) => hashOperationId(`9-${i}`));
    expect(hashOperationId("2-1-1")).toBe("de9160b4a2cf6c27");
    expect(hashOperationId("2-1-1")).toBe("de9160b4a2cf6c27");
    expect(Array.from({ length: 25_000 }, (_, i) => hashOperationId(`9-${i}`))).toEqual(first);
    expect(new Set(first).size).toBe(25_000);
  });
});
