/**
 * The service emulator: an in-memory Lambda durable execution service (state machine,
 * checkpoints, state pages, callbacks, chained-invoke records, history, limits), for tests, the
 * local runner and the local server. It speaks `@aws-sdk/client-lambda` shapes only, never imports
 * SDK code, and never runs a function: `../invoker/` does that, on top of it.
 */
export { InMemoryBackend, storedHistory } from "./in-memory-backend.js";
export { type InvocationType } from "./limits.js";
export type { Invocation, TimerKind } from "./model.js";
export type { OperationChange } from "./events.js";
export type { DurableInvocationEvent } from "./invocations.js";
export { toErrorObject } from "./errors.js";
export { functionArn } from "./execution-store.js";
export { savedCallback, savedState } from "./persistence.js";
export type { BackendPersistence, SavedExecution, SavedExecutionState } from "./persistence.js";
export type { ExecutionChanges } from "./events.js";
export type { ExecutionRecord } from "./model.js";
