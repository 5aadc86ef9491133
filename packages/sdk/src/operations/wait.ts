import { runOperation, untilServiceSettles, type OperationKind } from "../replay/engine.js";
import type { OperationScope } from "../replay/host.js";
import { waitSeconds, type Duration } from "../time/index.js";

/**
 * `context.wait`: a durable timer. The START is acknowledged, then the invocation suspends
 * (when nothing else can run) and the service re-invokes the function once the time has passed.
 * It completes in-process if a checkpoint response shows the timer fired while other work ran.
 */
export function runWait(scope: OperationScope, name: string | undefined, duration: Duration): Promise<void> {
  // Validated before anything is checkpointed: a bad duration never reaches the service.
  const seconds = waitSeconds(duration, "wait duration");
  const kind: OperationKind<void> = {
    ...WAIT,
    start: { when: "new", ack: true, fields: () => ({ WaitOptions: { WaitSeconds: seconds } }) },
  };
  return runOperation(scope, kind, name);
}

/** Whatever ends a wait (its timer fired, or it was cancelled) lets the code go on; it never fails. */
const WAIT: OperationKind<void> = {
  type: "WAIT",
  subType: "Wait",
  label: "wait",
  details: () => undefined,
  read: () => undefined,
  failure: (restored) => restored,
  settled: (status) => (status === "STARTED" ? undefined : "success"),
  waitsOn: { reason: "WAIT", while: untilServiceSettles, timer: true },
};
