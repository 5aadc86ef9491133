import { describe, expect, it } from "vitest";
import { HandlerError } from "../handler-error.js";
import { router } from "./router.js";
import { sqs } from "./sqs.js";
import { context, sqsEvent, sqsRecord } from "./test-events.js";

describe("sqs routes", () => {
  it("calls the handler once per record in order and reports failed records", async () => {
    const seen: string[] = [];
    const errors: string[] = [];
    const handler = router([
      sqs({
        inputs: (record) => JSON.parse(record.body) as { n: number },
        handler: ({ n }) => {
          seen.push(String(n));
          if (n % 2 === 0) throw new Error(`even ${n}`);
        },
        onRecordError: (error, record) => errors.push(`${record.messageId}: ${(error as Error).message}`),
      }),
    ]);
    const answer = await handler(sqsEvent(...[1, 2, 3, 4].map((n) => sqsRecord(`m${n}`, { n }))), context);
    expect(seen).toEqual(["1", "2", "3", "4"]);
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: "m2" }, { itemIdentifier: "m4" }] });
    expect(errors).toEqual(["m2: even 2", "m4: even 4"]);
  });

  it("keeps FIFO order: after a failure, later records of the same group fail without running; other groups go on", async () => {
    const seen: string[] = [];
    const handler = router([
      sqs({
        handler: (record) => {
          seen.push(record.messageId);
          if (record.messageId === "a2") throw new Error("a2 fails");
        },
        onRecordError: () => undefined,
      }),
    ]);
    const records = [
      sqsRecord("a1", 1, { group: "A" }),
      sqsRecord("a2", 2, { group: "A" }),
      sqsRecord("b1", 3, { group: "B" }),
      sqsRecord("a3", 4, { group: "A" }),
      sqsRecord("b2", 5, { group: "B" }),
    ];
    expect(await handler(sqsEvent(...records), context)).toEqual({ batchItemFailures: [{ itemIdentifier: "a2" }, { itemIdentifier: "a3" }] });
    expect(seen).toEqual(["a1", "a2", "b1", "b2"]);
  });

  it("counts a record whose error a catch handles as processed", async () => {
    const handler = router([
      sqs({ handler: () => Promise.reject(new HandlerError("DUPLICATE", "seen before")), catches: [{ code: "DUPLICATE", body: () => "skipped" }] }),
    ]);
    expect(await handler(sqsEvent(sqsRecord("m1", {})), context)).toEqual({ batchItemFailures: [] });
  });
});
