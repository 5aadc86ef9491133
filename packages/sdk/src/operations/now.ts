import { claim } from "../replay/engine.js";
import type { OperationScope } from "../replay/host.js";

/**
 * `context.now()`: the current time, recorded once as a STEP (`Now`) at the next position. On
 * replay the recorded value comes back, so time-dependent branches replay the same way. The
 * SUCCEED is queued, not awaited (it travels with the next checkpoint). Synchronous, so it uses
 * the engine's claim and update header but not its asynchronous loop.
 */
export function runNow(scope: OperationScope): Date {
  const position = claim(scope, NOW, undefined);
  const recorded = position.stored?.StepDetails?.Result;
  if (position.stored?.Status === "SUCCEEDED" && recorded !== undefined) return new Date(Number(recorded));
  const now = scope.services.now();
  position.post("SUCCEED", { Payload: String(now) });
  return new Date(now);
}

const NOW = { type: "STEP", subType: "Now" } as const;
