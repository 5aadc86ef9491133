/**
 * Rules of a whole checkpoint request (protocol §4). Validation is complete before anything is
 * applied, and every transition is checked against the state stored before the request, so a
 * request is applied entirely or not at all.
 */
import type { Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import { invalidParameter } from "./errors.js";
import { resultLimitBytes, type BackendLimits } from "./limits.js";
import type { ExecutionRecord } from "./model.js";
import { checkTransition, type TransitionRule } from "./state-machine.js";
import { checkUpdateFields, describeViolation } from "./validation.js";

/** An update that passed validation, with the rule that applies it. */
export interface PlannedUpdate {
  update: OperationUpdate;
  rule: TransitionRule;
}

/** The fields an update must not change. */
type Declared = Pick<Operation, "Type" | "SubType" | "Name" | "ParentId">;

/**
 * Validates a request's updates; returns them with their rules, or throws
 * InvalidParameterValueException naming the first violation (update index, Id, rule).
 */
export function validateBatch(exec: ExecutionRecord, updates: unknown, limits: BackendLimits): PlannedUpdate[] {
  if (updates === undefined || updates === null) return [];
  if (!Array.isArray(updates)) throw invalidParameter(`Updates must be a list, received ${typeof updates}`);
  const list = updates as OperationUpdate[];
  const fail = (i: number, rule: string): never => {
    throw invalidParameter(describeViolation(i, list[i], rule));
  };

  // An EXECUTION update's Payload is the execution's result: its limit depends on how it was started.
  const fieldLimits = { ...limits, maxResponseBytes: resultLimitBytes(limits, exec.invocationType) };
  let firstExecution: number | undefined;
  let secondExecution: number | undefined;
  for (let i = 0; i < list.length; i++) {
    const u = list[i]!;
    const problem = checkUpdateFields(u, fieldLimits);
    if (problem) fail(i, problem);
    if (u.Type === "EXECUTION") {
      if (firstExecution === undefined) firstExecution = i;
      else secondExecution ??= i;
    }
  }
  if (secondExecution !== undefined) fail(secondExecution, "at most one EXECUTION update is allowed per request");
  if (firstExecution !== undefined && firstExecution !== list.length - 1) {
    fail(firstExecution, "the EXECUTION update must be the last update of the request");
  }

  // Linear in the batch: each Id's first index (and the Ids seen twice), and the CONTEXTs STARTed so far.
  const firstIndex = new Map<string, number>();
  const repeated = new Set<string>();
  const startedContexts = new Set<string>();
  const planned: PlannedUpdate[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const u = list[i]!;
    const id = u.Id!;
    const earlier = firstIndex.get(id);
    if (earlier === undefined) firstIndex.set(id, i);
    else {
      checkRepeat(list, earlier, repeated.has(id) ? 2 : 1, i, fail);
      repeated.add(id);
    }

    const stored = exec.ops.get(id);
    if (stored) checkImmutable(u, stored, "stored operation", i, fail);
    if (earlier !== undefined) checkImmutable(u, list[earlier]!, `update ${earlier}`, i, fail);

    if (u.Type === "EXECUTION") {
      if (id !== exec.id) fail(i, `an EXECUTION update must name the execution's operation Id ${JSON.stringify(exec.id)}`);
      if (u.ParentId !== undefined) fail(i, "an EXECUTION update must not have a ParentId");
    }
    if (u.ParentId !== undefined) checkParent(exec, startedContexts, u.ParentId, i, fail);
    if (u.Type === "CONTEXT" && u.Action === "START") startedContexts.add(id);

    const rule = checkTransition(u, stored);
    if (typeof rule === "string") fail(i, rule);
    planned[i] = { update: u, rule: rule as TransitionRule };
  }
  return planned;
}

/** An Id may repeat once: a STEP/CONTEXT START followed by one non-START. `count`: its updates before `i`. */
function checkRepeat(list: OperationUpdate[], first: number, count: number, i: number, fail: (i: number, rule: string) => never): void {
  const a = list[first]!;
  const b = list[i]!;
  const pairOk = count === 1 && a.Action === "START" && (a.Type === "STEP" || a.Type === "CONTEXT") && b.Action !== "START";
  if (!pairOk) {
    fail(i, `Id already used by update ${first} of this request; an Id may appear twice only as a STEP or CONTEXT START followed by one non-START update`);
  }
}

/**
 * Type must match; SubType, Name and ParentId must match when the update carries them. `current`
 * is the stored operation or an earlier update of the request (both name these fields alike).
 */
function checkImmutable(u: OperationUpdate, current: Declared, what: string, i: number, fail: (i: number, rule: string) => never): void {
  if (u.Type !== current.Type) differs(u, current, "Type", what, i, fail);
  if (u.SubType !== undefined && u.SubType !== current.SubType) differs(u, current, "SubType", what, i, fail);
  if (u.Name !== undefined && u.Name !== current.Name) differs(u, current, "Name", what, i, fail);
  if (u.ParentId !== undefined && u.ParentId !== current.ParentId) differs(u, current, "ParentId", what, i, fail);
}

function differs(u: OperationUpdate, current: Declared, field: keyof Declared, what: string, i: number, fail: (i: number, rule: string) => never): never {
  return fail(
    i,
    `${field} ${JSON.stringify(u[field] ?? null)} differs from the ${what}'s ${field} ${JSON.stringify(current[field] ?? null)}; an update must not change Type, SubType, Name or ParentId`,
  );
}

function checkParent(exec: ExecutionRecord, startedContexts: ReadonlySet<string>, parentId: string, i: number, fail: (i: number, rule: string) => never): void {
  const stored = exec.ops.get(parentId);
  if (stored) {
    if (stored.Type !== "CONTEXT") fail(i, `ParentId ${JSON.stringify(parentId)} names a ${stored.Type} operation; a parent must be a CONTEXT`);
    return;
  }
  if (!startedContexts.has(parentId)) {
    fail(i, `ParentId ${JSON.stringify(parentId)} names no CONTEXT that exists or is STARTed earlier in this request`);
  }
}
