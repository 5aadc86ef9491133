import type { Operation } from "@aws-sdk/client-lambda";

/**
 * The execution's operations as this invocation knows them: the state loaded at start-up, merged
 * with every delta the service returns afterwards. Keyed by wire Id; a delta replaces whole objects
 * (protocol §4: `NewExecutionState` holds complete operations, not patches).
 */
export class OperationLog {
  private readonly byId = new Map<string, Operation>();
  private executionOp: Operation | undefined;

  constructor(operations: Iterable<Operation> = []) {
    this.merge(operations);
  }

  /** Replaces or adds each operation by Id. */
  merge(operations: Iterable<Operation>): void {
    for (const operation of operations) {
      if (!operation.Id) continue;
      this.byId.set(operation.Id, operation);
      if (operation.Type === "EXECUTION") this.executionOp = operation;
    }
  }

  get(id: string): Operation | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The EXECUTION operation (service-assigned Id, holds the input). */
  get execution(): Operation | undefined {
    return this.executionOp;
  }

  get size(): number {
    return this.byId.size;
  }
}
