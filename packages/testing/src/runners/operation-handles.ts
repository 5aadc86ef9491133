import { DurableOperation } from "./durable-operation.js";
import type { OperationAccess } from "./operation-access.js";

/**
 * The operation look-ups both runners offer (local and cloud): handles that resolve on every call,
 * so a test can take them before `run()` starts.
 */
export abstract class OperationHandles {
  /** How handles read the current execution. */
  protected abstract access(): OperationAccess;

  /** The n-th operation with that name in the current (or next) execution; usable before `run()`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's default: an untyped handle's result is any
  getOperation<T = any>(name: string, index = 0): DurableOperation<T> {
    return new DurableOperation<T>(this.access(), { by: "name", name, index });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's default: an untyped handle's result is any
  getOperationByNameAndIndex<T = any>(name: string, index: number): DurableOperation<T> {
    return this.getOperation<T>(name, index);
  }
  /** By start order, EXECUTION excluded. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's default: an untyped handle's result is any
  getOperationByIndex<T = any>(index: number): DurableOperation<T> {
    return new DurableOperation<T>(this.access(), { by: "index", index });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's default: an untyped handle's result is any
  getOperationById<T = any>(id: string): DurableOperation<T> {
    return new DurableOperation<T>(this.access(), { by: "id", id });
  }
}
