import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors/index.js";
import { systemClock } from "./clock.js";
import { clampDelaySeconds, durationToSeconds, MAX_DURATION_SECONDS, MIN_DURATION_SECONDS, waitSeconds, type Duration } from "./duration.js";

const thrown = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error("expected a throw");
};

describe("durationToSeconds", () => {
  it("adds up the units", () => {
    expect(durationToSeconds({ days: 1, hours: 2, minutes: 3, seconds: 4 }, "d")).toBe(86_400 + 7_200 + 180 + 4);
    expect(durationToSeconds({ minutes: 5 }, "d")).toBe(300);
    expect(durationToSeconds({ seconds: 0 }, "d")).toBe(0);
  });

  it("rounds a fractional total up to whole seconds", () => {
    expect(durationToSeconds({ seconds: 0.2 }, "d")).toBe(1);
    expect(durationToSeconds({ minutes: 1.01 }, "d")).toBe(61);
    expect(durationToSeconds({ milliseconds: 1001 }, "d")).toBe(2);
    expect(durationToSeconds({ milliseconds: 3000 }, "d")).toBe(3);
  });

  it("does not add a second for floating-point noise", () => {
    expect(durationToSeconds({ hours: 0.1 }, "d")).toBe(360);
    expect(durationToSeconds({ minutes: 0.1, seconds: 0.2 }, "d")).toBe(7);
  });

  it("ignores fields set to undefined", () => {
    expect(durationToSeconds({ minutes: 2, seconds: undefined }, "d")).toBe(120);
  });

  it.each([
    ["a negative field", { seconds: -1 }],
    ["NaN", { seconds: NaN }],
    ["Infinity", { hours: Infinity }],
    ["a string field", { seconds: "5" }],
    ["no known unit", {}],
    ["an unknown key", { seconds: 1, second: 2 }],
    ["milliseconds mixed with units", { milliseconds: 5, seconds: 1 }],
    ["a number", 5],
    ["null", null],
    ["an array", [1]],
  ])("rejects %s with INVALID_DURATION naming the field and the value", (_label, value) => {
    const error = thrown(() => durationToSeconds(value as Duration, "step.timeout"));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe("INVALID_DURATION");
    expect(error.field).toBe("step.timeout");
    expect(error.message).toContain("step.timeout");
    expect(error.message).toContain("expected an object with days, hours, minutes and/or seconds");
  });

  it("shows NaN in the message as NaN, not null", () => {
    expect(thrown(() => durationToSeconds({ seconds: NaN }, "x")).message).toContain('{"seconds":"NaN"}');
  });

  it("law: the result is the whole-second ceiling of the exact total", () => {
    fc.assert(
      fc.property(fc.nat(400), fc.nat(23), fc.nat(59), fc.nat(59), (days, hours, minutes, seconds) => {
        expect(durationToSeconds({ days, hours, minutes, seconds }, "d")).toBe(days * 86_400 + hours * 3_600 + minutes * 60 + seconds);
      }),
    );
  });
});

describe("waitSeconds", () => {
  it("accepts 1 s to 366 days, rounding fractions up", () => {
    expect(waitSeconds({ seconds: 0.5 }, "wait")).toBe(1);
    expect(waitSeconds({ seconds: 1 }, "wait")).toBe(MIN_DURATION_SECONDS);
    expect(waitSeconds({ days: 366 }, "wait")).toBe(MAX_DURATION_SECONDS);
  });

  it.each([
    ["zero", { seconds: 0 }],
    ["over 366 days", { days: 366, seconds: 1 }],
    ["negative", { seconds: -5 }],
  ])("rejects %s with INVALID_DURATION", (_label, value) => {
    const error = thrown(() => waitSeconds(value, "wait(duration)"));
    expect(error).toMatchObject({ name: "ConfigError", code: "INVALID_DURATION", field: "wait(duration)" });
    expect(error.message).toContain("wait(duration)");
  });

  it("names the accepted range", () => {
    expect(thrown(() => waitSeconds({ seconds: 0 }, "w")).message).toContain("from 1 to 31622400 seconds");
  });
});

describe("clampDelaySeconds", () => {
  it("rounds up and clamps into 1 … 31,622,400", () => {
    expect(clampDelaySeconds(0)).toBe(1);
    expect(clampDelaySeconds(-3)).toBe(1);
    expect(clampDelaySeconds(NaN)).toBe(1);
    expect(clampDelaySeconds(2.1)).toBe(3);
    expect(clampDelaySeconds(1e12)).toBe(MAX_DURATION_SECONDS);
    expect(clampDelaySeconds(Infinity)).toBe(MAX_DURATION_SECONDS);
  });
});

describe("systemClock", () => {
  it("reads Date.now()", () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
