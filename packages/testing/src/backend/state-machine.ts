/**
 * The operation state machine (protocol §4) as a table: one row per (Type, Action) the backend
 * accepts, naming the stored statuses it is accepted from, any extra requirement and its effect.
 * Effects live in `effects.ts`, `callbacks.ts` and `chained-invokes.ts`; {@link REJECTED} lists
 * pairs refused with a specific reason.
 */
import type { Operation, OperationAction, OperationType, OperationUpdate } from "@aws-sdk/client-lambda";
import { callbackStart } from "./callbacks.js";
import { chainedInvokeCancel, chainedInvokeStart } from "./chained-invokes.js";
import {
  contextFail,
  contextStart,
  contextSucceed,
  executionFail,
  executionSucceed,
  stepFail,
  stepRetry,
  stepStart,
  stepSucceed,
  waitCancel,
  waitStart,
  type Effect,
} from "./effects.js";

/** Stands for "no operation stored under this Id" in {@link TransitionRule.from}. */
export const ABSENT = "ABSENT";
export type FromState = NonNullable<Operation["Status"]> | typeof ABSENT;

/** One accepted transition. */
export interface TransitionRule {
  readonly type: OperationType;
  readonly action: OperationAction;
  /** Stored statuses (before the request) this update is accepted from. */
  readonly from: readonly FromState[];
  /** Extra requirement on the update's fields; returns the violated rule. */
  readonly requires?: (u: OperationUpdate) => string | undefined;
  readonly effect: Effect;
}

const needsWaitSeconds = (u: OperationUpdate): string | undefined =>
  u.WaitOptions?.WaitSeconds === undefined ? "WAIT START requires WaitOptions.WaitSeconds" : undefined;

const retryRules = (u: OperationUpdate): string | undefined => {
  if (u.StepOptions?.NextAttemptDelaySeconds === undefined) return "STEP RETRY requires StepOptions.NextAttemptDelaySeconds";
  if (u.Payload !== undefined && u.Error !== undefined) return "STEP RETRY must not carry both Payload and Error";
  return undefined;
};

const needsChainedInvokeOptions = (u: OperationUpdate): string | undefined =>
  u.ChainedInvokeOptions?.FunctionName === undefined ? "CHAINED_INVOKE START requires ChainedInvokeOptions.FunctionName" : undefined;

/** Accepted transitions. Anything not listed is rejected. */
export const TRANSITIONS: readonly TransitionRule[] = [
  { type: "STEP", action: "START", from: [ABSENT, "READY"], effect: stepStart },
  { type: "STEP", action: "SUCCEED", from: [ABSENT, "STARTED", "READY"], effect: stepSucceed },
  { type: "STEP", action: "FAIL", from: [ABSENT, "STARTED", "READY"], effect: stepFail },
  { type: "STEP", action: "RETRY", from: [ABSENT, "STARTED", "READY"], requires: retryRules, effect: stepRetry },
  { type: "CONTEXT", action: "START", from: [ABSENT], effect: contextStart },
  { type: "CONTEXT", action: "SUCCEED", from: [ABSENT, "STARTED"], effect: contextSucceed },
  { type: "CONTEXT", action: "FAIL", from: [ABSENT, "STARTED"], effect: contextFail },
  { type: "WAIT", action: "START", from: [ABSENT], requires: needsWaitSeconds, effect: waitStart },
  { type: "WAIT", action: "CANCEL", from: ["STARTED"], effect: waitCancel },
  { type: "CALLBACK", action: "START", from: [ABSENT], effect: callbackStart },
  { type: "CHAINED_INVOKE", action: "START", from: [ABSENT], requires: needsChainedInvokeOptions, effect: chainedInvokeStart },
  { type: "CHAINED_INVOKE", action: "CANCEL", from: ["STARTED"], effect: chainedInvokeCancel },
  { type: "EXECUTION", action: "SUCCEED", from: ["STARTED"], effect: executionSucceed },
  { type: "EXECUTION", action: "FAIL", from: ["STARTED"], effect: executionFail },
];

/** Types or (Type, Action) pairs rejected outright, with the reason. More specific entries first. */
export const REJECTED: readonly { type: OperationType; action?: OperationAction; reason: string }[] = [
  {
    type: "CALLBACK",
    action: "CANCEL",
    reason: "CALLBACK CANCEL is not accepted (no official SDK sends it); a callback completes only through SendDurableExecutionCallback* or a timeout",
  },
];

/** {@link TRANSITIONS} by Type, then Action: one lookup per update instead of a scan of the table. */
const RULES = new Map<string, Map<string, TransitionRule>>();
for (const rule of TRANSITIONS) {
  const byAction = RULES.get(rule.type) ?? new Map<string, TransitionRule>();
  byAction.set(rule.action, rule);
  RULES.set(rule.type, byAction);
}

/**
 * Finds the rule for an update against the stored operation (state before the request).
 * Returns the rule, or the violated rule as text.
 */
export function checkTransition(u: OperationUpdate, stored: Operation | undefined): TransitionRule | string {
  const rejected = REJECTED.find((r) => r.type === u.Type && (r.action === undefined || r.action === u.Action));
  if (rejected) return rejected.reason;
  const byAction = RULES.get(u.Type as string);
  const rule = byAction?.get(u.Action as string);
  if (!rule) {
    const actions = [...(byAction?.keys() ?? [])].join(", ");
    return `${u.Type} does not accept Action ${u.Action} (accepted: ${actions})`;
  }
  const from: FromState = stored?.Status ?? ABSENT;
  if (!rule.from.includes(from)) {
    const accepted = rule.from.map((s) => (s === ABSENT ? "absent" : s)).join(" or ");
    const current = stored ? `stored status is ${from}` : "no operation is stored under this Id";
    return `${u.Type} ${u.Action} is accepted only when the operation is ${accepted}, but ${current}`;
  }
  return rule.requires?.(u) ?? rule;
}
