/** The interface both runners implement, so one test body runs locally or against a service. */
import type { DurableOperation, TestResult } from "../runners/index.js";

export interface DurableTestRunner<TEvent = any, TResult = any> {
  run(request?: { payload?: TEvent; executionName?: string; timeoutMs?: number }): Promise<TestResult<TResult>>;
  /** The n-th operation with that name. */
  getOperation<T = any>(name: string, index?: number): DurableOperation<T>;
  /** By start order, EXECUTION excluded. */
  getOperationByIndex<T = any>(index: number): DurableOperation<T>;
  getOperationByNameAndIndex<T = any>(name: string, index: number): DurableOperation<T>;
  getOperationById<T = any>(id: string): DurableOperation<T>;
  reset(): void;
}
