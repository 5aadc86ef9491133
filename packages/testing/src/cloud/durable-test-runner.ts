/** The interface both runners implement, so one test body runs locally or against a service. */
import type { DurableOperation, TestResult } from "../runners/index.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's public defaults: untyped runners accept any payload and result
export interface DurableTestRunner<TEvent = any, TResult = any> {
  run(request?: { payload?: TEvent; executionName?: string; timeoutMs?: number }): Promise<TestResult<TResult>>;
  /** The n-th operation with that name. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's default: an untyped handle's result is any
  getOperation<T = any>(name: string, index?: number): DurableOperation<T>;
  /** By start order, EXECUTION excluded. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's default: an untyped handle's result is any
  getOperationByIndex<T = any>(index: number): DurableOperation<T>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's default: an untyped handle's result is any
  getOperationByNameAndIndex<T = any>(name: string, index: number): DurableOperation<T>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's default: an untyped handle's result is any
  getOperationById<T = any>(id: string): DurableOperation<T>;
  reset(): void;
}
