import type { ErrorObject, Operation } from "@aws-sdk/client-lambda";
import { decodePayload, toTestResultError, type TestResultError } from "../sdk-io/index.js";
import type { OperationAccess } from "./operation-access.js";

/** Where a handle finds its operation: looked up on every call, so a handle can be taken before `run()`. */
export type OperationSelector = { by: "name"; name: string; index: number } | { by: "index"; index: number } | { by: "id"; id: string };

/** Milestones `waitForData` can wait for. */
export enum WaitingOperationStatus {
  /** The operation exists. */
  STARTED = "STARTED",
  /** A callback can be answered: its id exists (for waitForCallback, the submitter has run). */
  SUBMITTED = "SUBMITTED",
  /** The operation reached a final status. */
  COMPLETED = "COMPLETED",
}

const OPEN_STATUSES = new Set(["STARTED", "PENDING", "READY"]);

/** A STEP's details (`getStepDetails`). */
export interface StepDetails<T = unknown> {
  attempt: number;
  nextAttemptTimestamp?: Date;
  result?: T;
  error?: TestResultError;
}

/** A CONTEXT's details (`getContextDetails`). */
export interface ContextDetails<T = unknown> {
  result?: T;
  error?: TestResultError;
  /** (ours) The context stored a summary and replays its children. */
  replayChildren: boolean;
}

/** A WAIT's details (`getWaitDetails`). */
export interface WaitResultDetails {
  waitSeconds: number;
  scheduledEndTimestamp: Date;
}

/** A CALLBACK's details (`getCallbackDetails`). */
export interface CallbackDetails<T = unknown> {
  callbackId: string;
  result?: T;
  error?: TestResultError;
}

/** A CHAINED_INVOKE's details (`getChainedInvokeDetails`). */
export interface ChainedInvokeDetails<T = unknown> {
  result?: T;
  error?: TestResultError;
}

/**
 * A handle on one operation of a test execution. Getters read the latest state; a getter for
 * another operation type throws, naming the actual type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's default: an untyped handle's result is any
export class DurableOperation<T = any> {
  private readonly access: OperationAccess;
  private readonly selector: OperationSelector;

  constructor(access: OperationAccess, selector: OperationSelector) {
    this.access = access;
    this.selector = selector;
  }

  /**
   * Resolves with this handle once the operation reached `status` (default STARTED). Rejects, naming
   * the operation, if the execution ends first; never waits forever.
   */
  waitForData(status: WaitingOperationStatus = WaitingOperationStatus.STARTED): Promise<DurableOperation<T>> {
    return new Promise((resolve, reject) => {
      let unsubscribe = () => undefined as void;
      const check = () => {
        const operation = this.find();
        if (operation && this.reached(operation, status)) {
          if (this.isCallbackLike(operation)) this.access.watch(operation.Id as string);
          unsubscribe();
          resolve(this);
        } else if (this.access.executionEnded()) {
          unsubscribe();
          const ended = (reason?: string) =>
            reject(new Error(`The execution ended before operation ${describe(this.selector)} reached ${status}${reason ? ` (${reason})` : ""}`));
          if (this.access.endReason) this.access.endReason().then(ended, () => ended());
          else ended();
        }
      };
      unsubscribe = this.access.onChange(check);
      check();
    });
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

  getStepDetails(): StepDetails<T> {
    const details = this.ofType("STEP").StepDetails ?? {};
    return {
      attempt: details.Attempt ?? 0,
      nextAttemptTimestamp: toDate(details.NextAttemptTimestamp),
      result: decodePayload<T>(details.Result),
      error: toTestResultError(details.Error),
    };
  }

  getContextDetails(): ContextDetails<T> {
    const details = this.ofType("CONTEXT").ContextDetails ?? {};
    return { result: decodePayload<T>(details.Result), error: toTestResultError(details.Error), replayChildren: details.ReplayChildren === true };
  }

  getWaitDetails(): WaitResultDetails {
    const operation = this.ofType("WAIT");
    const end = toDate(operation.WaitDetails?.ScheduledEndTimestamp) as Date;
    const start = toDate(operation.StartTimestamp) as Date;
    return { waitSeconds: Math.round((end.getTime() - start.getTime()) / 1000), scheduledEndTimestamp: end };
  }

  /** For a CALLBACK, or a waitForCallback CONTEXT (its inner callback). Results are the raw string sent, JSON-decoded when it is JSON. */
  getCallbackDetails(): CallbackDetails<T> {
    const callback = this.callbackOperation();
    const details = callback.CallbackDetails ?? {};
    return { callbackId: details.CallbackId as string, result: decodePayload<T>(details.Result), error: toTestResultError(details.Error, "sender") };
  }

  getChainedInvokeDetails(): ChainedInvokeDetails<T> {
    const details = this.ofType("CHAINED_INVOKE").ChainedInvokeDetails ?? {};
    return { result: decodePayload<T>(details.Result), error: toTestResultError(details.Error) };
  }

  isCallback(): boolean {
    return this.find()?.Type === "CALLBACK";
  }

  isWaitForCallback(): boolean {
    const operation = this.find();
    return operation?.Type === "CONTEXT" && operation.SubType === "WaitForCallback";
  }

  /** Completes the callback (this CALLBACK, or the one inside this waitForCallback) with `result` sent as is. */
  async sendCallbackSuccess(result?: string): Promise<void> {
    await this.access.sendCallbackSuccess(this.getCallbackDetails().callbackId, result);
  }

  async sendCallbackFailure(error?: ErrorObject): Promise<void> {
    await this.access.sendCallbackFailure(this.getCallbackDetails().callbackId, error);
  }

  async sendCallbackHeartbeat(): Promise<void> {
    await this.access.sendCallbackHeartbeat(this.getCallbackDetails().callbackId);
  }

  /** Operations whose parent is this one, in start order. */
  getChildOperations(): DurableOperation[] {
    const id = this.getId();
    return this.access
      .operations()
      .filter((operation) => operation.ParentId === id)
      .map((operation) => new DurableOperation(this.access, { by: "id", id: operation.Id as string }));
  }

  private reached(operation: Operation, status: WaitingOperationStatus): boolean {
    if (status === WaitingOperationStatus.STARTED) return true;
    if (status === WaitingOperationStatus.COMPLETED) return !OPEN_STATUSES.has(operation.Status ?? "");
    if (operation.Type === "CALLBACK") return Boolean(operation.CallbackDetails?.CallbackId);
    if (operation.Type === "CONTEXT" && operation.SubType === "WaitForCallback") {
      const children = this.access.operations().filter((child) => child.ParentId === operation.Id);
      return children.some((child) => child.Type === "STEP" && child.Status === "SUCCEEDED");
    }
    return true;
  }

  private isCallbackLike(operation: Operation): boolean {
    return operation.Type === "CALLBACK" || (operation.Type === "CONTEXT" && operation.SubType === "WaitForCallback");
  }

  private callbackOperation(): Operation {
    const operation = this.getOperationData();
    if (operation.Type === "CALLBACK") return operation;
    if (operation.Type === "CONTEXT" && operation.SubType === "WaitForCallback") {
      const inner = this.access.operations().find((child) => child.ParentId === operation.Id && child.Type === "CALLBACK");
      if (inner) return inner;
      throw new Error(`waitForCallback ${describe(this.selector)} has not created its callback yet`);
    }
    throw new Error(`Operation ${describe(this.selector)} is a ${operation.Type}, not a CALLBACK or waitForCallback`);
  }

  private ofType(type: string): Operation {
    const operation = this.getOperationData();
    if (operation.Type !== type) {
      throw new Error(`Operation ${describe(this.selector)} is a ${operation.Type}, not a ${type}`);
    }
    return operation;
  }

  private find(): Operation | undefined {
    const operations = this.access.operations();
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
