/**
 * The service emulator: an in-memory Lambda durable execution service (state machine,
 * checkpoints, state pages, callbacks, chained-invoke records, history, limits), for tests, the
 * local runner and the local server. It speaks `@aws-sdk/client-lambda` shapes only, never imports
 * SDK code, and never runs a function: `../invoker/` does that, on top of it.
 */
export { InMemoryBackend } from "./in-memory-backend.js";
export type { InMemoryBackendOptions, InMemoryDurableExecutionClient } from "./in-memory-backend.js";
export { DEFAULT_LIMITS, type BackendLimits, type InvocationType } from "./limits.js";
export type { Invocation, InvocationStatus, InvocationAnswer, CheckpointCall, TimerKind } from "./model.js";
export { TIMER_KINDS } from "./model.js";
export type { ChainedInvokeStartedEvent, ChainedInvokeListener, ExecutionListener, OperationChange, OperationChangeListener, OperationListener } from "./events.js";
export type { ChainedInvokeOutcome } from "./chained-invokes.js";
export type { SendCallbackSuccessInput } from "./callbacks.js";
export type { CallbackRef } from "./core.js";
export type { DurableInvocationEvent } from "./invocations.js";
export { PENDING_WITHOUT_WORK } from "./invocations.js";
export type { FaultApi, FaultKind, FaultSpec } from "./faults.js";
export { BackendStateError, INVALID_TOKEN_MESSAGE, toErrorObject } from "./errors.js";
export { functionArn } from "./execution-store.js";
export { TRANSITIONS } from "./state-machine.js";
export type { TransitionRule } from "./state-machine.js";
export { restoreExecution, savedCallback, savedState, RESTART_MESSAGE } from "./persistence.js";
export type { BackendPersistence, SavedCallback, SavedExecution, SavedExecutionState, SavedTimer } from "./persistence.js";
export type { CommitListener, ExecutionChanges } from "./events.js";
export type { ExecutionRecord } from "./model.js";
