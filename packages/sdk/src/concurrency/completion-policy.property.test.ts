import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyRuns } from "../../test/property-runs.js";
import { ChildContextError } from "../errors/index.js";
import { BatchItemStatus, createBatchResult, type BatchItem } from "./batch-result.js";
import {
  CompletionOutcome,
  completeBatch,
  continueBatch,
  decideCompletion,
  type CompletionConfig,
  type CompletionReason,
  type CompletionState,
} from "./completion-policy.js";

/** A completion config as data, so the reference model can read it without calling code under test. */
type Policy =
  | { kind: "none" }
  | { kind: "thresholds"; min?: number; count?: number; pct?: number }
  | { kind: "custom"; successesAtLeast?: number; failuresAtLeast?: number; outcome: CompletionOutcome };

function toConfig(policy: Policy): CompletionConfig | undefined {
  switch (policy.kind) {
    case "none":
      return undefined;
    case "thresholds": {
      const config: CompletionConfig = {};
      if (policy.min !== undefined) config.minSuccessful = policy.min;
      if (policy.count !== undefined) config.toleratedFailureCount = policy.count;
      if (policy.pct !== undefined) config.toleratedFailurePercentage = policy.pct;
      return config;
    }
    case "custom":
      return { shouldComplete: (s) => (customFires(policy, s.successCount, s.failureCount) ? completeBatch(policy.outcome) : continueBatch()) };
  }
}

function customFires(policy: Extract<Policy, { kind: "custom" }>, successes: number, failures: number): boolean {
  return (policy.successesAtLeast !== undefined && successes >= policy.successesAtLeast) || (policy.failuresAtLeast !== undefined && failures >= policy.failuresAtLeast);
}

/** Reference model: is `failures` within what the policy tolerates? */
function tolerated(policy: Policy, failures: number, total: number): boolean {
  if (policy.kind === "custom") return true;
  if (policy.kind === "none" || (policy.min === undefined && policy.count === undefined && policy.pct === undefined)) {
    return failures === 0;
  }
  const withinCount = policy.count === undefined || failures <= policy.count;
  const withinPct = policy.pct === undefined || (failures * 100) / total <= policy.pct;
  return withinCount && withinPct;
}

/** Reference model of api.md §4 "Completion", written from the spec independently of the implementation. */
function reference(policy: Policy, successes: number, failures: number, total: number): CompletionReason | undefined {
  if (total === 0) return "ALL_COMPLETED";
  if (policy.kind === "custom" && customFires(policy, successes, failures)) {
    return policy.outcome === CompletionOutcome.FAILED ? "CUSTOM_COMPLETION_FAILED" : "CUSTOM_COMPLETION_SUCCEEDED";
  }
  if (!tolerated(policy, failures, total)) return "FAILURE_TOLERANCE_EXCEEDED";
  if (successes + failures === total) return "ALL_COMPLETED";
  if (policy.kind === "thresholds" && policy.min !== undefined && successes >= policy.min) return "MIN_SUCCESSFUL_REACHED";
  return undefined;
}

const policyArb: fc.Arbitrary<Policy> = fc.oneof(
  fc.constant<Policy>({ kind: "none" }),
  fc.record(
    {
      kind: fc.constant("thresholds" as const),
      min: fc.integer({ min: 1, max: 14 }),
      count: fc.integer({ min: 0, max: 12 }),
      pct: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })),
    },
    { requiredKeys: ["kind"] },
  ),
  fc.record(
    {
      kind: fc.constant("custom" as const),
      successesAtLeast: fc.integer({ min: 0, max: 12 }),
      failuresAtLeast: fc.integer({ min: 1, max: 12 }),
      outcome: fc.constantFrom(CompletionOutcome.SUCCEEDED, CompletionOutcome.FAILED),
    },
    { requiredKeys: ["kind", "outcome"] },
  ),
);

/** Item outcomes (true = success), the order they settle in, and which unsettled items had started. */
const batchArb = fc.integer({ min: 0, max: 12 }).chain((total) => {
  const indexes = Array.from({ length: total }, (_, i) => i);
  return fc.record({
    outcomes: fc.array(fc.boolean(), { minLength: total, maxLength: total }),
    order: fc.shuffledSubarray(indexes, { minLength: total, maxLength: total }),
    startedIfUnsettled: fc.array(fc.boolean(), { minLength: total, maxLength: total }),
  });
});

describe("decideCompletion (property)", () => {
  it("matches the reference model after every settle, and the batch reports the first reason reached", () => {
    fc.assert(
      fc.property(policyArb, batchArb, (policy, { outcomes, order, startedIfUnsettled }) => {
        const total = outcomes.length;
        const config = toConfig(policy);
        const status: (BatchItemStatus | undefined)[] = new Array<BatchItemStatus | undefined>(total).fill(undefined);
        let successes = 0;
        let failures = 0;
        let first: { reason: CompletionReason; settled: number } | undefined;

        if (total === 0) {
          const empty: CompletionState = { successCount: 0, failureCount: 0, completedCount: 0, totalCount: 0, items: [] };
          first = { reason: decideCompletion(empty, config)!, settled: 0 };
          expect(first.reason).toBe("ALL_COMPLETED");
        }
        order.forEach((index, k) => {
          if (outcomes[index]) successes++;
          else failures++;
          status[index] = outcomes[index] ? BatchItemStatus.SUCCEEDED : BatchItemStatus.FAILED;
          const state: CompletionState = {
            successCount: successes,
            failureCount: failures,
            completedCount: k + 1,
            totalCount: total,
            items: status.map((s, i) => (s === undefined ? { index: i } : { index: i, status: s })),
          };
          const actual = decideCompletion(state, config);
          expect(actual).toBe(reference(policy, successes, failures, total));
          if (first === undefined && actual !== undefined) first = { reason: actual, settled: k + 1 };
        });
        // Every batch ends, at the latest when all items settled.
        expect(first).toBeDefined();

        // Build what the batch reports: items settled before the end, plus running ones as STARTED.
        const settled = new Set(order.slice(0, first!.settled));
        const items: BatchItem<number>[] = [];
        for (let i = 0; i < total; i++) {
          if (settled.has(i)) {
            items.push(
              outcomes[i]
                ? { index: i, status: BatchItemStatus.SUCCEEDED, result: i }
                : { index: i, status: BatchItemStatus.FAILED, error: new ChildContextError(`item ${i}`) },
            );
          } else if (startedIfUnsettled[i]) {
            items.push({ index: i, status: BatchItemStatus.STARTED });
          }
        }
        const result = createBatchResult(items, first!.reason);
        const settledList = [...settled];
        const expectedSuccesses = settledList.filter((i) => outcomes[i]).length;
        const expectedFailures = settledList.length - expectedSuccesses;
        expect(result.completionReason).toBe(first!.reason);
        expect(result.successCount).toBe(expectedSuccesses);
        expect(result.failureCount).toBe(expectedFailures);
        expect(result.totalCount).toBe(items.length);
        expect(result.all.map((i) => i.index)).toEqual(items.map((i) => i.index));
        expect(result.getResults()).toEqual(result.succeeded().map((i) => i.index));
        const failedStatus = expectedFailures > 0 || first!.reason === "CUSTOM_COMPLETION_FAILED";
        expect(result.status).toBe(failedStatus ? BatchItemStatus.FAILED : BatchItemStatus.SUCCEEDED);
        if (first!.reason === "FAILURE_TOLERANCE_EXCEEDED") expect(result.hasFailure).toBe(true);
        if (first!.reason === "ALL_COMPLETED") expect(result.startedCount).toBe(0);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
});
