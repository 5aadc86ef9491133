/**
 * @durable-ts/testing: an in-memory durable execution service with a virtual clock, and a local
 * test runner on it. See docs/testing.md.
 */
export { InMemoryBackend, InvocationScheduler, schedulerFor } from "./backend/index.js";
export { VirtualClock } from "./clock/index.js";
export {
  DurableExecutionInvocationInputWithClient,
  DurableOperation,
  LocalDurableTestRunner,
  WaitingOperationStatus,
  TestResult,
  createLambdaContext,
} from "./runners/index.js";
export type { EventClient, Invocation, LocalRunnerOptions, OperationSelector, PlainHandler, TestResultError } from "./runners/index.js";
