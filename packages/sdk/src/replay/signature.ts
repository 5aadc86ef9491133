import type { Operation } from "@aws-sdk/client-lambda";
import { NonDeterministicExecutionError, type OperationSignature } from "../errors/index.js";

/** Where an operation sits in the program: its raw positional id, wire Id and parent. */
export interface OperationPosition {
  /** Hierarchical counter path, e.g. `"2-3"`. */
  rawId: string;
  /** Wire Id: first 16 hex chars of md5(rawId). */
  id: string;
  /** Wire Id of the enclosing CONTEXT; absent at top level. */
  parentId?: string;
}

/** What the code asks for at a position. */
export interface OperationRequest extends OperationPosition {
  type: string;
  subType: string;
  name?: string;
}

/**
 * Checks that the stored operation at a replayed position is the one the code calls now
 * (Type, SubType, Name and ParentId; absent must equal absent). A mismatch is non-determinism:
 * the caller turns the thrown error into a FAILED execution.
 */
export function assertSameOperation(stored: Operation, request: OperationRequest): void {
  const sameParent = (stored.ParentId ?? undefined) === request.parentId;
  if (stored.Type === request.type && (stored.SubType ?? undefined) === request.subType && (stored.Name ?? undefined) === request.name && sameParent) {
    return;
  }
  throw new NonDeterministicExecutionError({
    position: request.rawId,
    operationId: request.id,
    parentId: request.parentId,
    expected: signatureOf(stored),
    actual: { type: request.type, subType: request.subType, name: request.name },
  });
}

/** Reports an operation the history holds at a position the code never reached. */
export function endedEarlyError(stored: Operation, position: OperationPosition): NonDeterministicExecutionError {
  return new NonDeterministicExecutionError({
    position: position.rawId,
    operationId: position.id,
    parentId: position.parentId,
    expected: signatureOf(stored),
    actual: undefined,
  });
}

export function signatureOf(operation: Operation): OperationSignature {
  return { type: operation.Type ?? "UNKNOWN", subType: operation.SubType ?? undefined, name: operation.Name ?? undefined };
}
