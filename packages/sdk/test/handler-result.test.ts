import { describe, expect, it } from "vitest";
import { durable, invokeOnce, runnerFor } from "./support.js";

const MiB = 1_048_576;

async function answerOf(handler: ReturnType<typeof durable>) {
  const { answer, updates } = await invokeOnce(handler);
  return { answer, updates };
}

describe("the handler's result against the response limits", () => {
  it("a result over 6 MiB ends FAILED with PayloadTooLargeError naming the handler result and the limit, and nothing is sent", async () => {
    const { answer, updates } = await answerOf(durable(async () => "z".repeat(6 * MiB + 10)));
    expect(answer).toMatchObject({ Status: "FAILED", Error: { ErrorType: "PayloadTooLargeError" } });
    const message = (answer as { Error: { ErrorMessage: string } }).Error.ErrorMessage;
    expect(message).toContain("handler result");
    expect(message).toContain(`${6 * MiB + 12} bytes`);
    expect(message).toContain(`limit of ${6 * MiB} bytes`);
    expect(updates.filter((u) => u.Type === "EXECUTION")).toEqual([]);
  });

  it("measures the answer as Lambda does: a 4.8 MB result whose escaped answer is over 6 MiB goes on the EXECUTION operation", async () => {
    const value = Array.from({ length: 1_600_000 }, () => "");
    const serialized = JSON.stringify(value);
    expect(serialized.length).toBeLessThan(5 * MiB);
    const { answer, updates } = await answerOf(durable(async () => value));
    expect(answer).toEqual({ Status: "SUCCEEDED", Result: "" });
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ Id: "exec-1", Type: "EXECUTION", Action: "SUCCEED" });
    expect(updates[0]?.Payload === serialized).toBe(true);
  });

  it("limits.maxResultBytes (1 MiB for executions started by an Event invoke) applies to inline answers too", async () => {
    const { answer } = await answerOf(durable(async () => "e".repeat(MiB), { limits: { maxResultBytes: MiB } }));
    expect(answer).toMatchObject({ Status: "FAILED", Error: { ErrorType: "PayloadTooLargeError" } });
    expect((answer as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toContain(`limit of ${MiB} bytes`);
    const fits = await answerOf(durable(async () => "e".repeat(MiB - 2), { limits: { maxResultBytes: MiB } }));
    expect(fits.answer).toEqual({ Status: "SUCCEEDED", Result: JSON.stringify("e".repeat(MiB - 2)) });
  });
});

describe("a handler result JSON cannot represent", () => {
  it("a returned function ends FAILED with a SerdesError saying what was received and expected, not SUCCEEDED without a result", async () => {
    const result = await runnerFor(durable(async () => function makeReport() {})).run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({ errorType: "SerdesError" });
    expect(result.getError().errorMessage).toBe(
      "The handler returned a function (makeReport), which JSON cannot represent; expected a JSON-serializable value or undefined (did you forget to call it or await it?)",
    );
  });

  it("a returned symbol fails the same way; undefined still succeeds without a result", async () => {
    const symbol = await runnerFor(durable(async () => Symbol("x"))).run();
    expect(symbol.getError().errorMessage).toMatch(/^The handler returned a symbol/);
    const none = await runnerFor(durable(async () => undefined)).run();
    expect(none.getStatus()).toBe("SUCCEEDED");
  });
});
