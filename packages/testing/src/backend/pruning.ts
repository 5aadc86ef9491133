/**
 * Pruning of the state handed to an invocation (protocol §4): every descendant of a SUCCEEDED or
 * FAILED CONTEXT whose `ContextDetails.ReplayChildren` is not `true` is left out, recursively.
 */
import type { Operation } from "@aws-sdk/client-lambda";

function hidesChildren(op: Operation): boolean {
  return op.Type === "CONTEXT" && (op.Status === "SUCCEEDED" || op.Status === "FAILED") && op.ContextDetails?.ReplayChildren !== true;
}

/** The operations an invocation sees, in the given (start) order. Returns the same objects. */
export function prune(ops: Iterable<Operation>): Operation[] {
  const byId = new Map<string, Operation>();
  for (const op of ops) byId.set(op.Id!, op);
  const hidden = new Map<string, boolean>();
  const isHidden = (op: Operation, depth = 0): boolean => {
    const known = hidden.get(op.Id!);
    if (known !== undefined) return known;
    const parent = op.ParentId === undefined ? undefined : byId.get(op.ParentId);
    // depth guard: parents are validated to exist, but never loop on a corrupt chain
    const result = parent !== undefined && depth < 10_000 && (hidesChildren(parent) || isHidden(parent, depth + 1));
    hidden.set(op.Id!, result);
    return result;
  };
  return [...byId.values()].filter((op) => !isHidden(op));
}
