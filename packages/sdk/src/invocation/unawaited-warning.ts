import type { DurableExecutionClient } from "../checkpoint/index.js";
import type { DurableLogger } from "../logging/index.js";
import { unawaitedMessage, type UnawaitedOperation, type UnawaitedOperations } from "../operations/unawaited.js";

/** What a test transport receives through its `reportWarning` seam (the runner's test result shows it). */
export interface InvocationWarning {
  code: "UNAWAITED_OPERATIONS";
  message: string;
  requestId: string;
  operations: UnawaitedOperation[];
}

/**
 * The handler settled: warn about every operation nobody awaited that is still running or failed,
 * in the log and, under a test transport that offers `reportWarning`, in the test result.
 */
export function warnUnawaited(unawaited: UnawaitedOperations, logger: DurableLogger, client: DurableExecutionClient, requestId: string): void {
  const operations = unawaited.report();
  if (operations.length === 0) return;
  const message = unawaitedMessage(operations);
  try {
    logger.warn(message, { operations });
  } catch {
    // A broken logger must not change the invocation's answer.
  }
  const report = (client as { reportWarning?: (warning: InvocationWarning) => void }).reportWarning;
  if (typeof report === "function") report.call(client, { code: "UNAWAITED_OPERATIONS", message, requestId, operations });
}
