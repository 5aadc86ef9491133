import type { Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import { DurableExecutionClientError } from "../errors/index.js";
import type { EarlyStop } from "./stop-signal.js";

/**
 * How to answer when a checkpoint response carries no `CheckpointToken` after a batch that did not
 * end the execution (protocol §7). The invocation can checkpoint no more. `CheckpointToken` is
 * optional in `CheckpointDurableExecutionResponse`, and the service rejects a PENDING answer when no
 * operation waits on it ("Cannot return PENDING status with no pending operations"), so:
 * - an operation waits on the service (a WAIT or CALLBACK or CHAINED_INVOKE started, a STEP retry
 *   scheduled): answer PENDING; the service re-invokes when it completes, with a fresh token;
 * - nothing does: throw a transient error; Lambda retries the invocation with a fresh token and the
 *   state as acknowledged, and replay continues from there. Nothing acknowledged is lost.
 */
export function answerForMissingToken(operations: Iterable<Operation>, acknowledged: readonly OperationUpdate[]): EarlyStop {
  if (acknowledged.some(makesPending)) return { kind: "suspend", cause: "token-missing" };
  for (const operation of operations) if (waitsOnService(operation)) return { kind: "suspend", cause: "token-missing" };
  return {
    kind: "throw",
    error: new DurableExecutionClientError({
      scope: "INVOCATION",
      message:
        "CheckpointDurableExecution answered without a CheckpointToken and no operation waits on the service, " +
        "so the invocation can neither checkpoint nor suspend; throwing so Lambda retries it with a fresh token",
    }),
  };
}

function makesPending(update: OperationUpdate): boolean {
  if (update.Action === "RETRY") return update.Type === "STEP";
  return update.Action === "START" && (update.Type === "WAIT" || update.Type === "CALLBACK" || update.Type === "CHAINED_INVOKE");
}

function waitsOnService(operation: Operation): boolean {
  switch (operation.Type) {
    case "STEP":
      return operation.Status === "PENDING";
    case "WAIT":
    case "CALLBACK":
    case "CHAINED_INVOKE":
      return operation.Status === "STARTED";
    default:
      return false;
  }
}
