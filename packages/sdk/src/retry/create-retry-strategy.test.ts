import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CancelledError, ConfigError, NonDeterministicExecutionError, PayloadTooLargeError, SerdesError, StepTimeoutError } from "../errors/index.js";
import { durationToSeconds } from "../time/index.js";
import { createLinearRetryStrategy, createRetryStrategy, retryPresets } from "./create-retry-strategy.js";
import { JitterStrategy, type RetryStrategy } from "./retry-strategy.js";

const err = new Error("boom");
const delays = (strategy: RetryStrategy, attempts: number): (number | undefined)[] =>
  Array.from({ length: attempts }, (_, i) => {
    const d = strategy(err, i + 1);
    return d.shouldRetry ? durationToSeconds(d.delay!, "delay") : undefined;
  });

describe("createRetryStrategy", () => {
  it("backs off exponentially up to maxDelay without jitter", () => {
    const s = createRetryStrategy({ maxAttempts: 7, initialDelay: { seconds: 2 }, maxDelay: { seconds: 20 }, jitter: JitterStrategy.NONE });
    expect(delays(s, 7)).toEqual([2, 4, 8, 16, 20, 20, undefined]);
  });

  it("defaults to 3 attempts, 5 s, ×2", () => {
    expect(delays(createRetryStrategy({ jitter: JitterStrategy.NONE }), 3)).toEqual([5, 10, undefined]);
  });

  it("returns whole seconds as { seconds } and never less than 1 s", () => {
    const s = createRetryStrategy({ initialDelay: { seconds: 0.01 }, backoffRate: 0.5, jitter: JitterStrategy.NONE });
    expect(s(err, 1)).toEqual({ shouldRetry: true, delay: { seconds: 1 } });
    expect(s(err, 2)).toEqual({ shouldRetry: true, delay: { seconds: 1 } });
  });

  it("rounds the jittered delay: FULL draws from [0, d], HALF from [d/2, d]", () => {
    const at = (jitter: JitterStrategy, r: number): number | undefined =>
      delays(createRetryStrategy({ initialDelay: { seconds: 10 }, jitter }, { random: () => r }), 1)[0];
    expect(at(JitterStrategy.FULL, 0)).toBe(1);
    expect(at(JitterStrategy.FULL, 0.44)).toBe(4);
    expect(at(JitterStrategy.FULL, 0.999)).toBe(10);
    expect(at(JitterStrategy.HALF, 0)).toBe(5);
    expect(at(JitterStrategy.HALF, 0.5)).toBe(8);
  });

  it("law: with any jitter, 1 ≤ delay ≤ max(1, maxDelay)", () => {
    fc.assert(
      fc.property(
        fc.record({
          maxAttempts: fc.integer({ min: 1, max: 50 }),
          initial: fc.double({ min: 0, max: 1e6, noNaN: true }),
          max: fc.double({ min: 0, max: 1e7, noNaN: true }),
          backoffRate: fc.double({ min: 0.01, max: 100, noNaN: true }),
          jitter: fc.constantFrom(JitterStrategy.NONE, JitterStrategy.FULL, JitterStrategy.HALF),
        }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (c, attempt, r) => {
          const s = createRetryStrategy(
            { maxAttempts: c.maxAttempts, initialDelay: { seconds: c.initial }, maxDelay: { seconds: c.max }, backoffRate: c.backoffRate, jitter: c.jitter },
            { random: () => r },
          );
          const d = s(err, attempt);
          expect(d.shouldRetry).toBe(attempt < c.maxAttempts);
          if (!d.shouldRetry) return;
          const seconds = durationToSeconds(d.delay!, "delay");
          expect(Number.isInteger(seconds)).toBe(true);
          expect(seconds).toBeGreaterThanOrEqual(1);
          expect(seconds).toBeLessThanOrEqual(Math.max(1, Math.ceil(c.max)));
        },
      ),
    );
  });

  describe("filters", () => {
    class HttpError extends Error {
      override name = "HttpError";
    }
    it("retries everything when no filter is given", () => {
      expect(createRetryStrategy()(new TypeError("x"), 1).shouldRetry).toBe(true);
    });

    it("matches a string as a message substring and a RegExp against the message", () => {
      const s = createRetryStrategy({ retryableErrors: ["throttl", /^timeout \d+$/g] });
      expect(s(new Error("request throttled"), 1).shouldRetry).toBe(true);
      expect(s(new Error("timeout 30"), 1).shouldRetry).toBe(true);
      expect(s(new Error("timeout 30"), 1).shouldRetry).toBe(true); // a /g RegExp keeps no state
      expect(s(new Error("bad input"), 1).shouldRetry).toBe(false);
    });

    it("matches a class by instanceof, or by name for a copy loaded twice", () => {
      const s = createRetryStrategy({ retryableErrorTypes: [HttpError] });
      expect(s(new HttpError("503"), 1).shouldRetry).toBe(true);
      const foreign = Object.assign(new Error("503"), { name: "HttpError" });
      expect(s(foreign, 1).shouldRetry).toBe(true);
      expect(s(new RangeError("x"), 1).shouldRetry).toBe(false);
    });

    it("retries when either kind of filter matches", () => {
      const s = createRetryStrategy({ retryableErrors: ["flaky"], retryableErrorTypes: [RangeError] });
      expect(s(new Error("flaky network"), 1).shouldRetry).toBe(true);
      expect(s(new RangeError("out"), 1).shouldRetry).toBe(true);
      expect(s(new Error("solid"), 1).shouldRetry).toBe(false);
    });
  });

  it("never retries a CancelledError or a terminal error", () => {
    const s = createRetryStrategy({ maxAttempts: 10 });
    const never = [
      new CancelledError("INVOCATION_ENDING"),
      new ConfigError("INVALID_CONFIG", "bad"),
      new NonDeterministicExecutionError({ position: "1" }),
      new PayloadTooLargeError({ operation: "s", sizeBytes: 2, limitBytes: 1 }),
      new SerdesError({ direction: "serialize", retryable: false }),
    ];
    for (const e of never) expect(s(e, 1)).toEqual({ shouldRetry: false });
    expect(s(new StepTimeoutError(100), 1).shouldRetry).toBe(true);
    expect(s(new SerdesError({ direction: "serialize", retryable: true }), 1).shouldRetry).toBe(true);
  });

  it.each([
    ["maxAttempts", { maxAttempts: 0 }, "INVALID_CONFIG"],
    ["maxAttempts", { maxAttempts: 1.5 }, "INVALID_CONFIG"],
    ["backoffRate", { backoffRate: 0 }, "INVALID_CONFIG"],
    ["backoffRate", { backoffRate: Infinity }, "INVALID_CONFIG"],
    ["jitter", { jitter: "SOME" }, "INVALID_CONFIG"],
    ["retryableErrors", { retryableErrors: [1] }, "INVALID_CONFIG"],
    ["retryableErrorTypes", { retryableErrorTypes: ["Error"] }, "INVALID_CONFIG"],
    ["initialDelay", { initialDelay: { seconds: -1 } }, "INVALID_DURATION"],
    ["maxDelay", { maxDelay: { minute: 1 } }, "INVALID_DURATION"],
  ])("rejects a bad %s with a ConfigError naming it", (field, config, code) => {
    expect(() => createRetryStrategy(config as never)).toThrow(ConfigError);
    try {
      createRetryStrategy(config as never);
    } catch (e) {
      expect(e).toMatchObject({ code, field });
      expect((e as Error).message).toContain(field);
    }
  });
});

describe("createLinearRetryStrategy", () => {
  it("defaults to 6 attempts, 1 s apart growing by 1 s, no jitter", () => {
    expect(delays(createLinearRetryStrategy(), 6)).toEqual([1, 2, 3, 4, 5, undefined]);
  });

  it("takes an increment as a Duration or as seconds, capped by maxDelay", () => {
    const a = createLinearRetryStrategy({ initialDelay: { seconds: 10 }, increment: { minutes: 1 }, maxDelay: { seconds: 100 } });
    expect(delays(a, 4)).toEqual([10, 70, 100, 100]);
    expect(delays(createLinearRetryStrategy({ increment: 3, maxAttempts: 4 }), 4)).toEqual([1, 4, 7, undefined]);
  });

  it("applies jitter when asked", () => {
    const s = createLinearRetryStrategy({ initialDelay: { seconds: 10 }, jitter: JitterStrategy.HALF }, { random: () => 0 });
    expect(delays(s, 1)).toEqual([5]);
  });

  it("rejects a bad increment", () => {
    expect(() => createLinearRetryStrategy({ increment: -1 })).toThrow(/increment/);
  });
});

describe("retryPresets", () => {
  it("default: 6 attempts, delays at most 5, 10, 20, 40, 60 s", () => {
    const max = [5, 10, 20, 40, 60];
    for (let n = 1; n <= 5; n++) {
      const d = retryPresets.default(err, n);
      expect(d.shouldRetry).toBe(true);
      expect(durationToSeconds(d.delay!, "d")).toBeLessThanOrEqual(max[n - 1]!);
    }
    expect(retryPresets.default(err, 6).shouldRetry).toBe(false);
  });

  it("linear: 1 to 5 s; noRetry: never", () => {
    expect(delays(retryPresets.linear, 6)).toEqual([1, 2, 3, 4, 5, undefined]);
    expect(retryPresets.noRetry(err, 1)).toEqual({ shouldRetry: false });
  });

  it("gives the same strategy function on every access", () => {
    expect(retryPresets.default).toBe(retryPresets.default);
    expect(retryPresets.linear).toBe(retryPresets.linear);
    expect(Object.isFrozen(retryPresets)).toBe(true);
  });
});
