import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChildContextError } from "../errors/index.js";
import { BatchItemStatus, batchResultToData, createBatchResult, type BatchItem } from "./batch-result.js";
import { IndexRanges, readBatchSummary, summarizeBatch } from "./batch-summary.js";

const ok = (index: number): BatchItem<string> => ({ index, status: BatchItemStatus.SUCCEEDED, result: "r" });
const fail = (index: number): BatchItem<string> => ({ index, status: BatchItemStatus.FAILED, error: new ChildContextError("bad") });
const running = (index: number): BatchItem<string> => ({ index, status: BatchItemStatus.STARTED });
const plain = (plan: ReturnType<typeof readBatchSummary>) => plan && { reason: plan.reason, finished: [...plan.finished], started: [...plan.started] };

describe("batch summary", () => {
  it("records finished and started items as index ranges (format 2)", () => {
    const r = createBatchResult([running(2), ok(0), fail(1), ok(3), running(5), ok(6)], "FAILURE_TOLERANCE_EXCEEDED");
    expect(summarizeBatch(r)).toEqual({
      v: 2,
      reason: "FAILURE_TOLERANCE_EXCEEDED",
      finished: [
        [0, 1],
        [3, 3],
        [6, 6],
      ],
      started: [
        [2, 2],
        [5, 5],
      ],
    });
  });

  it("stays a few dozen bytes for 100,000 finished items, far under the 256 KB operation limit", () => {
    const items = Array.from({ length: 100_000 }, (_, index) => ok(index));
    const text = JSON.stringify(summarizeBatch(createBatchResult(items, "ALL_COMPLETED")));
    expect(text).toBe('{"v":2,"reason":"ALL_COMPLETED","finished":[[0,99999]],"started":[]}');
  });

  it("reads summaries written in format 1 (one entry per item, with or without v) and format-1 batch result data", () => {
    const v1 = {
      v: 1,
      reason: "MIN_SUCCESSFUL_REACHED",
      items: [
        { index: 3, status: "SUCCEEDED" },
        { index: 0, status: "FAILED" },
        { index: 1, status: "STARTED" },
      ],
    };
    expect(plain(readBatchSummary(v1))).toEqual({ reason: "MIN_SUCCESSFUL_REACHED", finished: [0, 3], started: [1] });
    expect(plain(readBatchSummary({ reason: "ALL_COMPLETED", items: [] }))).toEqual({ reason: "ALL_COMPLETED", finished: [], started: [] });
    const data = batchResultToData(createBatchResult([ok(0), running(1)], "ALL_COMPLETED"), (e) => ({ ErrorMessage: e.message }));
    expect(plain(readBatchSummary(JSON.parse(JSON.stringify(data))))).toEqual({ reason: "ALL_COMPLETED", finished: [0], started: [1] });
  });

  it("rejects values that are not a summary of a known format", () => {
    for (const value of [
      undefined,
      "",
      "summary text",
      { v: 3, reason: "ALL_COMPLETED", finished: [], started: [] },
      { v: 1, reason: "DONE", items: [] },
      { v: 1, reason: "ALL_COMPLETED", items: {} },
      { v: 1, reason: "ALL_COMPLETED", items: [{ index: 0, status: "PENDING" }] },
      { v: 1, reason: "ALL_COMPLETED", items: [{ index: 1.5, status: "SUCCEEDED" }] },
      {
        v: 1,
        reason: "ALL_COMPLETED",
        items: [
          { index: 1, status: "SUCCEEDED" },
          { index: 1, status: "STARTED" },
        ],
      },
      { v: 2, reason: "ALL_COMPLETED", finished: [[3, 1]], started: [] },
      {
        v: 2,
        reason: "ALL_COMPLETED",
        finished: [
          [0, 4],
          [4, 6],
        ],
        started: [],
      },
      { v: 2, reason: "ALL_COMPLETED", finished: [[0, 9]], started: [[5, 5]] },
      { v: 2, reason: "ALL_COMPLETED", finished: [[0, -1]], started: [] },
      { v: 2, reason: "ALL_COMPLETED", finished: [], started: "0-3" },
    ]) {
      expect(readBatchSummary(value)).toBeUndefined();
    }
  });

  it("property: reading a written summary gives back exactly the finished and started indexes and the reason", () => {
    const statuses = fc.array(fc.constantFrom("SUCCEEDED", "FAILED", "STARTED", "NEVER"), { maxLength: 300 });
    fc.assert(
      fc.property(statuses, fc.constantFrom("ALL_COMPLETED", "MIN_SUCCESSFUL_REACHED", "FAILURE_TOLERANCE_EXCEEDED"), (list, reason) => {
        const items = list.flatMap((status, index) =>
          status === "NEVER" ? [] : [status === "SUCCEEDED" ? ok(index) : status === "FAILED" ? fail(index) : running(index)],
        );
        const plan = readBatchSummary(JSON.parse(JSON.stringify(summarizeBatch(createBatchResult(items, reason as never)))));
        expect(plain(plan)).toEqual({
          reason,
          finished: items.filter((i) => i.status !== "STARTED").map((i) => i.index),
          started: items.filter((i) => i.status === "STARTED").map((i) => i.index),
        });
        for (let index = 0; index < list.length; index++) expect(plan?.finished.has(index)).toBe(list[index] === "SUCCEEDED" || list[index] === "FAILED");
      }),
    );
  });

  it("IndexRanges merges consecutive indexes and counts them", () => {
    const ranges = IndexRanges.fromSorted([0, 1, 2, 5, 7, 8]);
    expect(ranges.toJSON()).toEqual([
      [0, 2],
      [5, 5],
      [7, 8],
    ]);
    expect(ranges.size).toBe(6);
    expect([3, 4, 6, 9].some((i) => ranges.has(i))).toBe(false);
  });
});
