import { waitSeconds, type Duration } from "../time/index.js";
import type { OperationScope } from "./host.js";

/**
 * `context.wait`: a durable timer. The START is acknowledged, then the invocation suspends
 * (when nothing else can run) and the service re-invokes the function once the time has passed.
 */
export async function runWait(scope: OperationScope, name: string | undefined, duration: Duration): Promise<void> {
  // Validated before anything is checkpointed: a bad duration never reaches the service.
  const seconds = waitSeconds(duration, "wait duration");
  const operation = scope.claim({ type: "WAIT", subType: "Wait", name });
  const { services } = scope;
  const stored = operation.stored;
  if (stored?.Status === "SUCCEEDED" || stored?.Status === "CANCELLED") return;
  if (stored === undefined) {
    await services.activity.run(() =>
      scope.enqueue({
        Id: operation.id,
        ParentId: operation.parentId,
        Name: name,
        Type: "WAIT",
        SubType: "Wait",
        Action: "START",
        WaitOptions: { WaitSeconds: seconds },
      }),
    );
  }
  // Completes in-process if a checkpoint response shows the timer fired while other work ran.
  await services.activity.waitOnService("WAIT", services.log.watch(operation.id, (op) => op.Status !== "STARTED"), operation.id);
}
