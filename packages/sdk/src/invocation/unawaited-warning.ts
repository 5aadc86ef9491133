import type { DurableExecutionClient } from "../checkpoint/index.js";
import type { DurableLogger } from "../logging/index.js";
import { unawaitedMessage, type UnawaitedOperations } from "../operations/unawaited.js";

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
  // Declared on the client, but one carried on the event is only duck-typed: call it only when callable.
  if (typeof client.reportWarning === "function") client.reportWarning({ code: "UNAWAITED_OPERATIONS", message, requestId, operations });
}
