import type { ErrorObject } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { BatchCompletionError, ChildContextError, errorFromErrorObject, errorToErrorObject, SerdesError, StepError } from "../errors/index.js";
import { BatchItemStatus, batchResultFromData, batchResultToData, createBatchResult, type BatchItem, type BatchResultData } from "./batch-result.js";

class QuotaError extends Error {
  constructor(
    message: string,
    readonly quota: number,
  ) {
    super(message);
    this.name = "QuotaError";
  }
}

const fail = (index: number, message: string, name?: string): BatchItem<string> => ({
  index,
  status: BatchItemStatus.FAILED,
  error: new ChildContextError(message, new TypeError(message)),
  ...(name !== undefined ? { name } : {}),
});
const ok = (index: number, result?: string): BatchItem<string> => ({ index, status: BatchItemStatus.SUCCEEDED, result });
const running = (index: number): BatchItem<string> => ({ index, status: BatchItemStatus.STARTED });

const encode = (e: Error): ErrorObject => errorToErrorObject(e);
const decode = (o: ErrorObject): Error => errorFromErrorObject(o, [QuotaError]);

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("createBatchResult", () => {
  it("sorts items by index and counts them", () => {
    const r = createBatchResult([running(4), fail(2, "bad"), ok(0, "a"), ok(1, undefined)], "FAILURE_TOLERANCE_EXCEEDED");
    expect(r.all.map((i) => i.index)).toEqual([0, 1, 2, 4]);
    expect([r.successCount, r.failureCount, r.startedCount, r.totalCount]).toEqual([2, 1, 1, 4]);
    expect(r.hasFailure).toBe(true);
    expect(r.completionReason).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(r.started().map((i) => i.index)).toEqual([4]);
    expect(r.failed().map((i) => i.index)).toEqual([2]);
  });

  it("keeps succeeded items whose result is undefined", () => {
    const r = createBatchResult([ok(2, "c"), ok(0, undefined), ok(1, "b")], "ALL_COMPLETED");
    expect(r.succeeded().map((i) => i.index)).toEqual([0, 1, 2]);
    expect(r.getResults()).toEqual([undefined, "b", "c"]);
    expect(r.status).toBe(BatchItemStatus.SUCCEEDED);
    expect(r.hasFailure).toBe(false);
    expect(() => r.throwIfError()).not.toThrow();
  });

  it("returns errors in index order and throws the first one", () => {
    const r = createBatchResult([fail(3, "third"), ok(0, "a"), fail(1, "first")], "ALL_COMPLETED");
    expect(r.getErrors().map((e) => e.message)).toEqual(["first", "third"]);
    expect(r.status).toBe(BatchItemStatus.FAILED); // a tolerated failure still makes the status FAILED
    const error = thrown(() => r.throwIfError());
    expect(error).toBe(r.all[1]!.error);
    expect((error as Error).message).toBe("first");
  });

  it("throws BatchCompletionError for a custom FAILED outcome without item errors", () => {
    const r = createBatchResult([ok(0, "a"), running(1)], "CUSTOM_COMPLETION_FAILED");
    expect(r.status).toBe(BatchItemStatus.FAILED);
    expect(r.hasFailure).toBe(false);
    const error = thrown(() => r.throwIfError());
    expect(error).toBeInstanceOf(BatchCompletionError);
    expect((error as Error).message).toContain("CUSTOM_COMPLETION_FAILED");
  });

  it("reports SUCCEEDED for min-successful and custom SUCCEEDED batches without failures", () => {
    for (const reason of ["MIN_SUCCESSFUL_REACHED", "CUSTOM_COMPLETION_SUCCEEDED"] as const) {
      const r = createBatchResult([ok(0, "a"), running(1)], reason);
      expect(r.status).toBe(BatchItemStatus.SUCCEEDED);
      expect(() => r.throwIfError()).not.toThrow();
    }
  });

  it("builds an empty result", () => {
    const r = createBatchResult<string>([], "ALL_COMPLETED");
    expect([r.totalCount, r.successCount, r.failureCount, r.startedCount]).toEqual([0, 0, 0, 0]);
    expect(r.getResults()).toEqual([]);
    expect(r.status).toBe(BatchItemStatus.SUCCEEDED);
  });

  it("wraps a failed item's non-ChildContextError error, and fills a missing one", () => {
    const original = new RangeError("out of range");
    const r = createBatchResult<string>(
      [
        { index: 0, status: BatchItemStatus.FAILED, error: original as never },
        { index: 1, status: BatchItemStatus.FAILED, name: "b" },
      ],
      "ALL_COMPLETED",
    );
    const [first, second] = r.getErrors();
    expect(first).toBeInstanceOf(ChildContextError);
    expect(first!.message).toBe("out of range");
    expect(first!.cause).toBe(original);
    expect(second).toBeInstanceOf(ChildContextError);
    expect(second!.message).toContain('1 ("b")');
  });

  it("does not change the items given", () => {
    const items = [ok(1, "b"), ok(0, "a")];
    const r = createBatchResult(items, "ALL_COMPLETED");
    expect(items.map((i) => i.index)).toEqual([1, 0]);
    expect(r.all[0]).not.toBe(items[1]);
  });

  it("rejects repeated or invalid indexes, unknown statuses and reasons", () => {
    expect(() => createBatchResult([ok(0), ok(0)], "ALL_COMPLETED")).toThrow(TypeError);
    expect(() => createBatchResult([ok(-1)], "ALL_COMPLETED")).toThrow(/index -1/);
    expect(() => createBatchResult([{ index: 0, status: "DONE" as never }], "ALL_COMPLETED")).toThrow(/status "DONE"/);
    expect(() => createBatchResult([], "FINISHED" as never)).toThrow(/reason "FINISHED"/);
  });
});

describe("batch result data", () => {
  it("round-trips results, names, statuses and the reason", () => {
    const r = createBatchResult([{ ...ok(0, "a"), name: "first" }, ok(1, undefined), running(3), fail(2, "bad", "third")], "FAILURE_TOLERANCE_EXCEEDED");
    const data = batchResultToData(r, encode);
    expect(data.v).toBe(1);
    expect(data.items.map((i) => i.index)).toEqual([0, 1, 2, 3]);
    expect("result" in data.items[1]!).toBe(false);
    expect(data.items[3]).toEqual({ index: 3, status: "STARTED" });
    const back = batchResultFromData<string>(JSON.parse(JSON.stringify(data)) as BatchResultData, decode);
    expect(back.completionReason).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(back.all.map((i) => [i.index, i.status, i.name])).toEqual(r.all.map((i) => [i.index, i.status, i.name]));
    expect(back.getResults()).toEqual(["a", undefined]);
    expect(back.succeeded()).toHaveLength(2);
    expect([back.status, back.successCount, back.failureCount, back.startedCount, back.totalCount]).toEqual([
      r.status,
      r.successCount,
      r.failureCount,
      r.startedCount,
      r.totalCount,
    ]);
  });

  it("restores item errors with their class, message and custom properties", () => {
    const original = new QuotaError("quota exceeded", 42);
    const r = createBatchResult([{ index: 0, status: BatchItemStatus.FAILED, error: new ChildContextError(original.message, original) }], "FAILURE_TOLERANCE_EXCEEDED");
    const back = batchResultFromData<string>(JSON.parse(JSON.stringify(batchResultToData(r, encode))) as BatchResultData, decode);
    const error = back.getErrors()[0]!;
    expect(error).toBeInstanceOf(ChildContextError);
    expect(error.message).toBe("quota exceeded");
    expect(error.cause).toBeInstanceOf(QuotaError);
    expect(error.cause!.name).toBe("QuotaError");
    expect(error.cause!.message).toBe("quota exceeded");
    expect((error.cause as QuotaError).quota).toBe(42);
    expect(thrown(() => back.throwIfError())).toBe(error);
  });

  it("wraps a decoded error that is not a ChildContextError, keeping its type and message", () => {
    const data: BatchResultData = {
      v: 1,
      reason: "ALL_COMPLETED",
      items: [{ index: 0, status: BatchItemStatus.FAILED, error: { ErrorType: "StepError", ErrorMessage: "step broke" } }],
    };
    const error = batchResultFromData(data, decode).getErrors()[0]!;
    expect(error).toBeInstanceOf(ChildContextError);
    expect(error.message).toBe("step broke");
    expect(error.cause).toBeInstanceOf(StepError);
    expect(error.message).not.toMatch(/unknown error/i);
  });

  it("reads data without v as version 1, and rejects other versions and corrupt data", () => {
    const legacy = { reason: "ALL_COMPLETED", items: [{ index: 0, status: "SUCCEEDED", result: 7 }] } as unknown as BatchResultData;
    expect(batchResultFromData<number>(legacy, decode).getResults()).toEqual([7]);
    for (const bad of [
      { v: 2, reason: "ALL_COMPLETED", items: [] },
      { v: 1, reason: "NOPE", items: [] },
      { v: 1, reason: "ALL_COMPLETED" },
      {
        v: 1,
        reason: "ALL_COMPLETED",
        items: [
          { index: 0, status: "SUCCEEDED" },
          { index: 0, status: "FAILED" },
        ],
      },
      null,
      "text",
    ]) {
      const error = thrown(() => batchResultFromData(bad as never, decode));
      expect(error).toBeInstanceOf(SerdesError);
      expect((error as SerdesError).retryable).toBe(false);
    }
  });
});
