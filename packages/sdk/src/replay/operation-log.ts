import type { Operation } from "@aws-sdk/client-lambda";

/**
 * The execution's operations as this invocation knows them: the state loaded at start-up, merged
 * with every delta the service returns afterwards. Keyed by wire Id; a delta replaces whole objects
 * (protocol §4: `NewExecutionState` holds complete operations, not patches).
 */
export class OperationLog {
  private readonly byId = new Map<string, Operation>();
  private readonly watchers = new Map<string, Array<(operation: Operation) => boolean>>();
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
      this.notify(operation.Id, operation);
    }
  }

  /**
   * Resolves with the operation once it satisfies `isDone` (now, or when a later delta brings it
   * there). Never settles if that does not happen during this invocation.
   */
  watch(id: string, isDone: (operation: Operation) => boolean): Promise<Operation> {
    const current = this.byId.get(id);
    if (current && isDone(current)) return Promise.resolve(current);
    return new Promise((resolve) => {
      const check = (operation: Operation) => {
        if (!isDone(operation)) return false;
        resolve(operation);
        return true;
      };
      const list = this.watchers.get(id);
      if (list) list.push(check);
      else this.watchers.set(id, [check]);
    });
  }

  private notify(id: string, operation: Operation): void {
    const list = this.watchers.get(id);
    if (!list) return;
    const remaining = list.filter((check) => !check(operation));
    if (remaining.length > 0) this.watchers.set(id, remaining);
    else this.watchers.delete(id);
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

  /** Every operation known, in no particular order. */
  values(): IterableIterator<Operation> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }
}
