/**
 * In-memory emulation of the Lambda durable execution service, for tests and the local runner.
 * Speaks `@aws-sdk/client-lambda` shapes only and never imports SDK code.
 */
export { InMemoryBackend } from "./in-memory-backend.js";
export type { InMemoryBackendOptions, InMemoryDurableExecutionClient } from "./in-memory-backend.js";
export { DEFAULT_LIMITS, type BackendLimits, type InvocationType } from "./limits.js";
export type { Invocation, InvocationStatus, InvocationAnswer, CheckpointCall, TimerKind } from "./model.js";
export { TIMER_KINDS } from "./model.js";
export type { ChainedInvokeStartedEvent, ChainedInvokeListener, ExecutionListener, OperationListener } from "./events.js";
export type { ChainedInvokeOutcome } from "./chained-invokes.js";
export type { SendCallbackSuccessInput } from "./callbacks.js";
export type { CallbackRef } from "./core.js";
export type { DurableInvocationEvent } from "./invocations.js";
export { PENDING_WITHOUT_WORK } from "./invocations.js";
export type { FaultApi, FaultKind, FaultSpec } from "./faults.js";
export { BackendStateError, INVALID_TOKEN_MESSAGE } from "./errors.js";
export { TRANSITIONS } from "./state-machine.js";
export type { TransitionRule } from "./state-machine.js";
export { InvocationScheduler, schedulerFor, INVOCATION_RETRY_DELAY_MS, MAX_CONSECUTIVE_INVOCATION_FAILURES } from "./scheduler.js";
export type { SchedulerOptions } from "./scheduler.js";
export { FunctionRegistry, functionNameOf, type HandlerContext, type LambdaHandler, type RegisteredFunction } from "./function-registry.js";
export { InvocationTimeoutError, timedOutMessage } from "./invocation-timeout.js";
export { restoreExecution, savedCallback, savedState, RESTART_MESSAGE } from "./persistence.js";
export type { BackendPersistence, SavedCallback, SavedExecution, SavedExecutionState, SavedTimer } from "./persistence.js";
export type { CommitListener, ExecutionChanges } from "./events.js";
export type { ExecutionRecord } from "./model.js";
