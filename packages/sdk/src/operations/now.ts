import type { OperationScope } from "./host.js";

/**
 * `context.now()`: the current time, recorded once as a STEP (`Now`) at the next position. On
 * replay the recorded value comes back, so time-dependent branches replay the same way. The
 * SUCCEED is queued, not awaited (it travels with the next checkpoint).
 */
export function runNow(scope: OperationScope): Date {
  const operation = scope.claim({ type: "STEP", subType: "Now" });
  const recorded = operation.stored?.StepDetails?.Result;
  if (operation.stored?.Status === "SUCCEEDED" && recorded !== undefined) return new Date(Number(recorded));
  const now = scope.services.now();
  scope
    .enqueue({ Id: operation.id, ParentId: operation.parentId, Type: "STEP", SubType: "Now", Action: "SUCCEED", Payload: String(now) })
    .catch(() => undefined);
  return new Date(now);
}
