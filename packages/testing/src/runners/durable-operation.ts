import type { Operation } from "@aws-sdk/client-lambda";
import { decodePayload, toTestResultError, type TestResultError } from "./decode.js";

/** Where a handle finds its operation: looked up on every call, so a handle can be taken before `run()`. */
export type OperationSelector =
  | { by: "name"; name: string; index: number }
  | { by: "index"; index: number }
  | { by: "id"; id: string };

/** The operations of the runner's current execution (EXECUTION excluded), in start order. */
export type OperationSource = () => Operation[];

/**
 * A handle on one operation of a test execution. Getters read the latest state; a getter for
 * another operation type throws, naming the actual type.
 */
export class DurableOperation<T = any> {
  private readonly source: OperationSource;
  private readonly selector: OperationSelector;

  constructor(source: OperationSource, selector: OperationSelector) {
    this.source = source;
    this.selector = selector;
  }

  /** The raw operation as the service stores it. Throws when it does not exist (yet). */
  getOperationData(): Operation {
    const found = this.find();
    if (!found) throw new Error(`No operation ${describe(this.selector)} in the execution`);
    return found;
  }

  /** True when the operation exists in the execution. */
  exists(): boolean {
    return this.find() !== undefined;
  }

  getId(): string {
    return this.getOperationData().Id as string;
  }
  getParentId(): string | undefined {
    return this.getOperationData().ParentId;
  }
  getName(): string | undefined {
    return this.getOperationData().Name;
  }
  getType(): string | undefined {
    return this.getOperationData().Type;
  }
  getSubType(): string | undefined {
    return this.getOperationData().SubType;
  }
  getStatus(): string | undefined {
    return this.getOperationData().Status;
  }
  getStartTimestamp(): Date | undefined {
    return toDate(this.getOperationData().StartTimestamp);
  }
  getEndTimestamp(): Date | undefined {
    return toDate(this.getOperationData().EndTimestamp);
  }

  getStepDetails(): { attempt: number; nextAttemptTimestamp?: Date; result?: T; error?: TestResultError } {
    const details = this.ofType("STEP").StepDetails ?? {};
    return {
      attempt: details.Attempt ?? 0,
      nextAttemptTimestamp: toDate(details.NextAttemptTimestamp),
      result: decodePayload<T>(details.Result),
      error: toTestResultError(details.Error),
    };
  }

  getContextDetails(): { result?: T; error?: TestResultError; replayChildren: boolean } {
    const details = this.ofType("CONTEXT").ContextDetails ?? {};
    return { result: decodePayload<T>(details.Result), error: toTestResultError(details.Error), replayChildren: details.ReplayChildren === true };
  }

  getWaitDetails(): { waitSeconds: number; scheduledEndTimestamp: Date } {
    const operation = this.ofType("WAIT");
    const end = toDate(operation.WaitDetails?.ScheduledEndTimestamp) as Date;
    const start = toDate(operation.StartTimestamp) as Date;
    return { waitSeconds: Math.round((end.getTime() - start.getTime()) / 1000), scheduledEndTimestamp: end };
  }

  /** Operations whose parent is this one, in start order. */
  getChildOperations(): DurableOperation[] {
    const id = this.getId();
    return this.source()
      .filter((operation) => operation.ParentId === id)
      .map((operation) => new DurableOperation(this.source, { by: "id", id: operation.Id as string }));
  }

  private ofType(type: string): Operation {
    const operation = this.getOperationData();
    if (operation.Type !== type) {
      throw new Error(`Operation ${describe(this.selector)} is a ${operation.Type}, not a ${type}`);
    }
    return operation;
  }

  private find(): Operation | undefined {
    const operations = this.source();
    const selector = this.selector;
    if (selector.by === "id") return operations.find((operation) => operation.Id === selector.id);
    if (selector.by === "index") return operations[selector.index];
    return operations.filter((operation) => operation.Name === selector.name)[selector.index];
  }
}

function describe(selector: OperationSelector): string {
  if (selector.by === "id") return `with id ${selector.id}`;
  if (selector.by === "index") return `at index ${selector.index}`;
  return `named "${selector.name}"${selector.index > 0 ? ` (occurrence ${selector.index})` : ""}`;
}

function toDate(value: Date | number | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? value : new Date(value);
}
