import type { InvocationMetrics } from "./metrics.js";

/** Identifies an operation in plugin hooks. */
export interface OperationInfo {
  operationId: string;
  /** Positional id, e.g. `2-1`. */
  position: string;
  parentId?: string;
  name?: string;
  type: string;
  subType?: string;
}

/**
 * Observes an invocation from inside the SDK (tracing, metrics, audit). Every hook is optional;
 * with no plugin registered nothing is computed for them. A hook that throws is reported once (a
 * warning on the logger) and never changes the execution's outcome; async hooks are not awaited
 * except `onInvocationStart` and `onInvocationEnd`.
 */
export interface DurablePlugin {
  /** Shown in warnings about the plugin. */
  name?: string;
  onInvocationStart?(info: { executionArn: string; requestId: string; coldStart: boolean }): void | Promise<void>;
  onInvocationEnd?(info: { executionArn: string; requestId: string; outcome: InvocationMetrics["outcome"]; metrics: InvocationMetrics }): void | Promise<void>;
  /** An operation runs (first time, or re-entered after an interruption). */
  onOperationStart?(info: OperationInfo): void;
  /** An operation is answered from the history without running user code. */
  onOperationReplay?(info: OperationInfo): void;
  /** An operation's promise settled in this invocation. */
  onOperationEnd?(info: OperationInfo & { outcome: "SUCCEEDED" | "FAILED"; error?: Error }): void;
  onOperationAttemptStart?(info: OperationInfo & { attempt: number }): void;
  onOperationAttemptEnd?(info: OperationInfo & { attempt: number; outcome: "SUCCEEDED" | "FAILED"; error?: Error; durationMs: number }): void;
}

/** Alias under the official SDK's name. */
export type DurableInstrumentationPlugin = DurablePlugin;
