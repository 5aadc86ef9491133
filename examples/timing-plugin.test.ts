import { afterEach, describe, expect, it, vi } from "vitest";
import { LocalDurableTestRunner } from "@durable-ts/testing";
import { createHandler, createTimingPlugin, handler, type InvocationTiming, type OperationTiming } from "./timing-plugin.js";

const startTime = new Date("2026-01-01T00:00:00Z");

/** Each operation of a summary as `name:status:attempt/outcome/error,…`, without the timings. */
const shape = (summary: InvocationTiming) =>
  summary.operations.map((op) => `${op.name}:${op.status}:${op.attempts.map((a) => [a.attempt, a.outcome, a.error].filter(Boolean).join("/")).join(",")}`);

describe("examples/timing-plugin", () => {
  afterEach(() => vi.restoreAllMocks());

  it("logs one summary per invocation with the duration and attempts of each operation that ran", async () => {
    const summaries: InvocationTiming[] = [];
    const runner = new LocalDurableTestRunner({
      handlerFunction: createHandler(createTimingPlugin({ log: (summary) => summaries.push(summary) })),
      startTime,
    });
    const result = await runner.run({ payload: { orderId: "o-1", hangingChargeAttempts: 1 } });

    expect(result.getResult()).toEqual({ reservation: "reservation-o-1", receipt: "receipt-o-1", label: "label-o-1" });
    // The timed-out attempt suspends the execution for its 5 s retry delay, then the wait for 1 min.
    const invocations = result.getInvocations();
    expect(summaries.map((s) => s.requestId)).toEqual(invocations.map((i) => i.requestId));
    expect(summaries.map((s) => [s.outcome, s.coldStart, s.replayed])).toEqual([
      ["PENDING", true, 0],
      ["PENDING", false, 1],
      ["SUCCEEDED", false, 3],
    ]);
    const [first, second, third] = summaries as [InvocationTiming, InvocationTiming, InvocationTiming]; // three, asserted above

    // Invocation 1: the stock is reserved; the charge's first attempt times out and is retried later.
    expect(shape(first)).toEqual(["reserve-stock:SUCCEEDED:1/SUCCEEDED", "charge-card:OPEN:1/FAILED/StepTimeoutError"]);
    expect(first.operations).toHaveLength(2);
    const [reserve, charge] = first.operations as [OperationTiming, OperationTiming];
    expect(reserve).toMatchObject({ type: "STEP", subType: "Step", position: "1" });
    expect(reserve.durationMs).toBeGreaterThanOrEqual(15); // the 20 ms write
    expect(charge.attempts[0]?.durationMs).toBeGreaterThanOrEqual(40); // stopped by the 50 ms timeout…
    expect(charge.attempts[0]?.durationMs).toBeLessThan(5_000); // …not after the 10 s hang

    // Invocation 2: the second attempt succeeds; the wait is started and the invocation suspends on it.
    expect(shape(second)).toEqual(["charge-card:SUCCEEDED:2/SUCCEEDED", "cool-off:OPEN:"]);
    expect(second.operations[1]).toMatchObject({ type: "WAIT", position: "3" });

    // Invocation 3: three operations come from the history; only the label is printed.
    expect(shape(third)).toEqual(["print-label:SUCCEEDED:1/SUCCEEDED"]);
    for (const summary of summaries) {
      expect(summary.checkpointCalls).toBeGreaterThanOrEqual(1);
      expect(summary.totalMs).toBeGreaterThan(0);
    }
  });

  it("leaves the outcome alone when its log function throws", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: createHandler(
        createTimingPlugin({
          log: () => {
            throw new Error("log sink down");
          },
        }),
      ),
      startTime,
    });
    // The SDK's default logger writes its warning as a JSON line on stdout.
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const result = await runner.run({ payload: { orderId: "o-2" } });
    const lines = stdout.mock.calls.map(([line]) => String(line));
    stdout.mockRestore();
    expect(result.getResult()).toMatchObject({ receipt: "receipt-o-2" });
    const warnings = lines.filter((line) => line.includes("threw in onInvocationEnd"));
    // A warning names the plugin and the hook: at most one per invocation, however often the hook throws.
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.length).toBeLessThanOrEqual(result.getInvocations().length);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: "WARN", errorMessage: "log sink down" });
  });

  it("the exported handler writes the summaries as JSON lines on stdout", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
    const result = await new LocalDurableTestRunner({ handlerFunction: handler, startTime }).run({ payload: { orderId: "o-3" } });
    expect(result.getStatus()).toBe("SUCCEEDED");
    const summaries = lines.map((line) => JSON.parse(line) as InvocationTiming).filter((line) => line.message === "invocation.timing");
    expect(summaries.map((s) => s.outcome)).toEqual(["PENDING", "SUCCEEDED"]);
    expect(summaries[0]?.operations.map((op) => op.name)).toEqual(["reserve-stock", "charge-card", "cool-off"]);
  });
});
