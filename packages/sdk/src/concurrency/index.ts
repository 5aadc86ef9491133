/**
 * Completion policy and result type of `context.map` and `context.parallel`
 * (api.md §4 "Completion", §5 `BatchResult`).
 */
export { CompletionOutcome, NestingType, completeBatch, continueBatch, decideCompletion, validateCompletionConfig, validateMaxConcurrency } from "./completion-policy.js";
export type { CompletionConfig, CompletionDecision, CompletionReason, CompletionState } from "./completion-policy.js";
export { BatchItemStatus, batchResultFromData, batchResultToData, createBatchResult } from "./batch-result.js";
export type { BatchItem, BatchResult, BatchResultData } from "./batch-result.js";
export { IndexRanges, readBatchSummary, summarizeBatch } from "./batch-summary.js";
export type { BatchPlan } from "./batch-summary.js";
