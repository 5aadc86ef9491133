import { describe, expect, it } from "vitest";
import { hashOperationId } from "@durable-ts/sdk";
import { LocalDurableTestRunner } from "@durable-ts/testing";
import { handler } from "./map-thumbnails.js";

const startTime = new Date("2026-01-01T00:00:00Z");

describe("examples/map-thumbnails", () => {
  it("collects results and a tolerated failure without throwing", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const images = [
      { key: "a.png", width: 800 },
      { key: "icon.png", width: 16 },
      { key: "b.png", width: 640 },
    ];
    const result = await runner.run({ payload: { images } });

    expect(result.getResult()).toEqual({
      reason: "ALL_COMPLETED",
      status: "FAILED", // an item failed, even though it was tolerated
      thumbnails: ["thumbs/a.png", "thumbs/b.png"],
      failures: [{ index: 1, name: "thumb-icon.png", message: "icon.png is too small (16 px)" }],
      items: ["0:SUCCEEDED", "1:FAILED", "2:SUCCEEDED"],
    });

    const map = result.getOperation("make-thumbnails");
    expect([map.getType(), map.getSubType(), map.getId()]).toEqual(["CONTEXT", "Map", hashOperationId("1")]);
    expect(map.getChildOperations().map((op) => [op.getName(), op.getSubType(), op.getId()])).toEqual([
      ["thumb-a.png", "MapIteration", hashOperationId("1-1")],
      ["thumb-icon.png", "MapIteration", hashOperationId("1-2")],
      ["thumb-b.png", "MapIteration", hashOperationId("1-3")],
    ]);
  });

  it("completes early once a second image fails", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime });
    const images = [
      { key: "x.png", width: 10 },
      { key: "y.png", width: 20 },
      { key: "c.png", width: 300 },
      { key: "d.png", width: 300 },
    ];
    const result = await runner.run({ payload: { images } });
    // Items 0 and 1 ran first (maxConcurrency 2); the second failure ended the batch before a slot
    // freed up, so items 2 and 3 never started and are left out of the result.
    expect(result.getResult()).toEqual({
      reason: "FAILURE_TOLERANCE_EXCEEDED",
      status: "FAILED",
      thumbnails: [],
      failures: [
        { index: 0, name: "thumb-x.png", message: "x.png is too small (10 px)" },
        { index: 1, name: "thumb-y.png", message: "y.png is too small (20 px)" },
      ],
      items: ["0:FAILED", "1:FAILED"],
    });
    expect(result.getOperation("thumb-c.png").exists()).toBe(false);
    expect(result.getOperation("make-thumbnails").getStatus()).toBe("SUCCEEDED"); // item failures never fail the map
  });
});
