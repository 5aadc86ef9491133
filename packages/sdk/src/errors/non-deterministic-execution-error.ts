import { ErrorCode } from "./codes.js";
import { assignDefined, DurableError } from "./durable-error.js";
import { defineErrorClass } from "./error-class-registry.js";

/** What identifies an operation at a position: its wire Type, SubType and Name. */
export interface OperationSignature {
  type: string;
  subType?: string;
  name?: string;
}

/** Fields of a {@link NonDeterministicExecutionError}. */
export interface NonDeterministicExecutionErrorInit {
  /** Position in the replay, e.g. `"2-3"` (the raw hierarchical id). */
  position: string;
  /** Wire Id of the operation at that position. */
  operationId?: string;
  /** Wire Id of the enclosing context. */
  parentId?: string;
  /** What the history holds there; absent when the history has nothing. */
  expected?: OperationSignature;
  /** What the code called there; absent when the code ended the context. */
  actual?: OperationSignature;
  /** Replaces the generated message. */
  message?: string;
}

/**
 * Replay found that the code no longer matches the recorded history: at
 * `position` the history holds `expected` but the code called `actual`.
 *
 * **Terminal:** the execution fails at once (never `PENDING`), nothing
 * already checkpointed is changed, and user code cannot catch it.
 */
export class NonDeterministicExecutionError extends DurableError {
  /** Position in the replay, e.g. `"2-3"`. */
  readonly position: string;
  /** Wire Id of the operation at that position. */
  declare readonly operationId?: string;
  /** Wire Id of the enclosing context. */
  declare readonly parentId?: string;
  /** What the history holds at the position; absent when it holds nothing. */
  declare readonly expected?: OperationSignature;
  /** What the code called at the position; absent when the code ended the context. */
  declare readonly actual?: OperationSignature;

  constructor(init: NonDeterministicExecutionErrorInit) {
    super(init.message ?? describeMismatch(init));
    this.position = init.position;
    const { operationId, parentId, expected, actual } = init;
    assignDefined(this, { operationId, parentId, expected, actual });
  }
}

defineErrorClass(NonDeterministicExecutionError, "NonDeterministicExecutionError", ErrorCode.NON_DETERMINISTIC_EXECUTION);

function describeSignature(s: OperationSignature): string {
  const kind = s.subType !== undefined ? `${s.type}/${s.subType}` : s.type;
  return s.name !== undefined ? `${kind} ${JSON.stringify(s.name)}` : kind;
}

function describeMismatch(init: NonDeterministicExecutionErrorInit): string {
  const where: string[] = [];
  if (init.operationId !== undefined) where.push(`id ${init.operationId}`);
  if (init.parentId !== undefined) where.push(`parent ${init.parentId}`);
  const place = where.length > 0 ? `${init.position} (${where.join(", ")})` : init.position;
  const history = init.expected !== undefined ? `history has ${describeSignature(init.expected)}` : "history has nothing";
  const code = init.actual !== undefined ? `code called ${describeSignature(init.actual)}` : "code ended the context";
  return `Non-deterministic replay at ${place}: ${history}, ${code}`;
}
