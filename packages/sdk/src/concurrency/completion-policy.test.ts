import { describe, expect, it, vi } from "vitest";
import { ConfigError } from "../errors/index.js";
import { BatchItemStatus } from "./batch-result.js";
import {
  CompletionOutcome,
  completeBatch,
  continueBatch,
  decideCompletion,
  NestingType,
  validateCompletionConfig,
  validateMaxConcurrency,
  type CompletionConfig,
  type CompletionState,
} from "./completion-policy.js";

function state(successCount: number, failureCount: number, totalCount: number): CompletionState {
  const items = Array.from({ length: totalCount }, (_, index) => ({
    index,
    status: index < successCount ? BatchItemStatus.SUCCEEDED : index < successCount + failureCount ? BatchItemStatus.FAILED : undefined,
  }));
  return { successCount, failureCount, completedCount: successCount + failureCount, totalCount, items };
}

function configError(fn: () => void): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe("INVALID_CONFIG");
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("decisions and enums", () => {
  it("builds decisions", () => {
    expect(continueBatch()).toEqual({ complete: false });
    expect(completeBatch()).toEqual({ complete: true, outcome: CompletionOutcome.SUCCEEDED });
    expect(completeBatch(CompletionOutcome.FAILED)).toEqual({ complete: true, outcome: "FAILED" });
    expect(NestingType.NESTED).toBe("NESTED");
    expect(NestingType.FLAT).toBe("FLAT");
  });
});

describe("decideCompletion", () => {
  it("fails fast on the first failure when no criterion is set", () => {
    expect(decideCompletion(state(1, 0, 3), undefined)).toBeUndefined();
    expect(decideCompletion(state(1, 1, 3), undefined)).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(decideCompletion(state(0, 1, 3), {})).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(decideCompletion(state(3, 0, 3), {})).toBe("ALL_COMPLETED");
  });

  it("fails fast even on the last item", () => {
    expect(decideCompletion(state(2, 1, 3), undefined)).toBe("FAILURE_TOLERANCE_EXCEEDED");
  });

  it("checks tolerance before all-completed, and all-completed before min-successful", () => {
    const config = { minSuccessful: 2, toleratedFailureCount: 0 };
    expect(decideCompletion(state(2, 1, 3), config)).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(decideCompletion(state(3, 0, 3), { minSuccessful: 3 })).toBe("ALL_COMPLETED");
    expect(decideCompletion(state(2, 0, 3), { minSuccessful: 2 })).toBe("MIN_SUCCESSFUL_REACHED");
    expect(decideCompletion(state(1, 0, 3), { minSuccessful: 2 })).toBeUndefined();
  });

  it("tolerates any number of failures with only minSuccessful set", () => {
    expect(decideCompletion(state(0, 4, 6), { minSuccessful: 2 })).toBeUndefined();
    expect(decideCompletion(state(1, 4, 6), { minSuccessful: 2 })).toBeUndefined();
    expect(decideCompletion(state(2, 4, 6), { minSuccessful: 2 })).toBe("ALL_COMPLETED");
    expect(decideCompletion(state(2, 3, 6), { minSuccessful: 2 })).toBe("MIN_SUCCESSFUL_REACHED");
  });

  it("ends by ALL_COMPLETED when minSuccessful exceeds the item count", () => {
    expect(decideCompletion(state(2, 0, 3), { minSuccessful: 5 })).toBeUndefined();
    expect(decideCompletion(state(3, 0, 3), { minSuccessful: 5 })).toBe("ALL_COMPLETED");
  });

  it("counts failures strictly above toleratedFailureCount", () => {
    expect(decideCompletion(state(0, 2, 5), { toleratedFailureCount: 2 })).toBeUndefined();
    expect(decideCompletion(state(0, 3, 5), { toleratedFailureCount: 2 })).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(decideCompletion(state(3, 2, 5), { toleratedFailureCount: 2 })).toBe("ALL_COMPLETED");
  });

  it("takes the failure percentage of all items, not of settled ones", () => {
    const config = { toleratedFailurePercentage: 20 };
    // 1 failure of 1 settled is 100 % of settled, but 10 % of all 10 items.
    expect(decideCompletion(state(0, 1, 10), config)).toBeUndefined();
    expect(decideCompletion(state(0, 2, 10), config)).toBeUndefined(); // exactly 20 %: tolerated
    expect(decideCompletion(state(0, 3, 10), config)).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(decideCompletion(state(1, 0, 1), { toleratedFailurePercentage: 0 })).toBe("ALL_COMPLETED");
    expect(decideCompletion(state(0, 1, 3), { toleratedFailurePercentage: 0 })).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(decideCompletion(state(0, 3, 3), { toleratedFailurePercentage: 100 })).toBe("ALL_COMPLETED");
  });

  it("ends on whichever tolerance is exceeded first", () => {
    const config = { toleratedFailureCount: 5, toleratedFailurePercentage: 10 };
    expect(decideCompletion(state(0, 2, 10), config)).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(decideCompletion(state(0, 6, 100), config)).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(decideCompletion(state(0, 5, 100), config)).toBeUndefined();
  });

  it("lets a custom rule end the batch with either outcome", () => {
    const succeeded: CompletionConfig = { shouldComplete: (s) => (s.successCount >= 1 ? completeBatch() : continueBatch()) };
    expect(decideCompletion(state(0, 1, 3), succeeded)).toBeUndefined(); // a custom rule disables fail-fast
    expect(decideCompletion(state(1, 1, 3), succeeded)).toBe("CUSTOM_COMPLETION_SUCCEEDED");
    const failed: CompletionConfig = {
      shouldComplete: (s) => (s.failureCount >= 2 ? completeBatch(CompletionOutcome.FAILED) : continueBatch()),
    };
    expect(decideCompletion(state(2, 1, 5), failed)).toBeUndefined();
    expect(decideCompletion(state(2, 2, 5), failed)).toBe("CUSTOM_COMPLETION_FAILED");
  });

  it("asks the custom rule first, and falls back to ALL_COMPLETED when it continues", () => {
    expect(decideCompletion(state(2, 1, 3), { shouldComplete: () => completeBatch(CompletionOutcome.FAILED) })).toBe("CUSTOM_COMPLETION_FAILED");
    expect(decideCompletion(state(2, 1, 3), { shouldComplete: () => continueBatch() })).toBe("ALL_COMPLETED");
  });

  it("passes the state to shouldComplete unchanged", () => {
    const shouldComplete = vi.fn(() => continueBatch());
    const s = state(1, 1, 4);
    decideCompletion(s, { shouldComplete });
    expect(shouldComplete).toHaveBeenCalledWith(s);
  });

  it("reads a decision without outcome as SUCCEEDED and rejects malformed decisions", () => {
    const loose = { shouldComplete: () => ({ complete: true }) as never };
    expect(decideCompletion(state(1, 0, 3), loose)).toBe("CUSTOM_COMPLETION_SUCCEEDED");
    for (const bad of [undefined, null, {}, { complete: "yes" }, { complete: true, outcome: "MAYBE" }]) {
      const error = configError(() => decideCompletion(state(1, 0, 3), { shouldComplete: () => bad as never }));
      expect(error.field).toBe("completionConfig.shouldComplete");
    }
  });

  it("lets an exception from shouldComplete propagate", () => {
    const boom = new Error("boom");
    expect(() =>
      decideCompletion(state(1, 0, 2), {
        shouldComplete: () => {
          throw boom;
        },
      }),
    ).toThrow(boom);
  });

  it("completes empty input at once with ALL_COMPLETED, without asking shouldComplete", () => {
    const shouldComplete = vi.fn(() => completeBatch(CompletionOutcome.FAILED));
    for (const config of [undefined, {}, { minSuccessful: 3 }, { toleratedFailurePercentage: 0 }, { shouldComplete }]) {
      expect(decideCompletion(state(0, 0, 0), config)).toBe("ALL_COMPLETED");
    }
    expect(shouldComplete).not.toHaveBeenCalled();
  });
});

describe("validateCompletionConfig", () => {
  it("accepts undefined, empty and valid configs", () => {
    for (const config of [
      undefined,
      {},
      { minSuccessful: 1 },
      { toleratedFailureCount: 0 },
      { toleratedFailurePercentage: 0 },
      { toleratedFailurePercentage: 100 },
      { toleratedFailurePercentage: 12.5 },
      { minSuccessful: 3, toleratedFailureCount: 2, toleratedFailurePercentage: 50 },
      { shouldComplete: () => continueBatch() },
    ]) {
      expect(() => validateCompletionConfig(config, "completionConfig")).not.toThrow();
    }
  });

  const cases: [string, CompletionConfig, string, string][] = [
    ["minSuccessful", { minSuccessful: 0 }, "received 0", "an integer >= 1"],
    ["minSuccessful", { minSuccessful: -1 }, "received -1", "an integer >= 1"],
    ["minSuccessful", { minSuccessful: 1.5 }, "received 1.5", "an integer >= 1"],
    ["minSuccessful", { minSuccessful: NaN }, "received NaN", "an integer >= 1"],
    ["minSuccessful", { minSuccessful: "2" as never }, 'received "2"', "an integer >= 1"],
    ["toleratedFailureCount", { toleratedFailureCount: -1 }, "received -1", "an integer >= 0"],
    ["toleratedFailureCount", { toleratedFailureCount: 0.5 }, "received 0.5", "an integer >= 0"],
    ["toleratedFailureCount", { toleratedFailureCount: Infinity }, "received Infinity", "an integer >= 0"],
    ["toleratedFailurePercentage", { toleratedFailurePercentage: -0.1 }, "received -0.1", "a number from 0 to 100"],
    ["toleratedFailurePercentage", { toleratedFailurePercentage: 100.5 }, "received 100.5", "a number from 0 to 100"],
    ["toleratedFailurePercentage", { toleratedFailurePercentage: NaN }, "received NaN", "a number from 0 to 100"],
    ["shouldComplete", { shouldComplete: true as never }, "received true", "a function"],
  ];
  it.each(cases)("rejects a bad %s (%j)", (key, config, received, accepted) => {
    const error = configError(() => validateCompletionConfig(config, "map config.completionConfig"));
    expect(error.field).toBe(`map config.completionConfig.${key}`);
    expect(error.message).toContain(`Invalid map config.completionConfig.${key}`);
    expect(error.message).toContain(received);
    expect(error.message).toContain(accepted);
  });

  it.each(["minSuccessful", "toleratedFailureCount", "toleratedFailurePercentage"])("rejects shouldComplete combined with %s", (key) => {
    const config = { shouldComplete: () => continueBatch(), [key]: 1 } as CompletionConfig;
    const error = configError(() => validateCompletionConfig(config, "completionConfig"));
    expect(error.field).toBe("completionConfig.shouldComplete");
    expect(error.message).toContain(`also set: ${key}`);
  });

  it("rejects a config that is not an object", () => {
    const error = configError(() => validateCompletionConfig(5 as never, "completionConfig"));
    expect(error.field).toBe("completionConfig");
    expect(error.message).toContain("received 5");
  });
});

describe("validateMaxConcurrency", () => {
  it("accepts undefined and integers >= 1", () => {
    for (const value of [undefined, 1, 10, 1000]) expect(() => validateMaxConcurrency(value, "maxConcurrency")).not.toThrow();
  });

  it.each([0, -2, 1.5, NaN, Infinity, "3"])("rejects %j, naming the field", (value) => {
    const error = configError(() => validateMaxConcurrency(value, "parallel config.maxConcurrency"));
    expect(error.field).toBe("parallel config.maxConcurrency");
    expect(error.message).toContain("Invalid parallel config.maxConcurrency");
    expect(error.message).toContain("an integer >= 1");
  });
});
