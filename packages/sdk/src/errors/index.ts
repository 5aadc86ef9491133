/**
 * SDK error classes, the error code table, terminal-error checks and the
 * lossless error codec (api.md §5).
 *
 * Import SDK errors from this module: it loads every class, which registers
 * it for restoring by name.
 */
export { ErrorCode } from "./codes.js";
export { DurableError } from "./durable-error.js";
export type { ErrorClass } from "./error-class-registry.js";
export { DurableOperationError } from "./durable-operation-error.js";
export { StepError } from "./step-error.js";
export { CallbackError } from "./callback-error.js";
export { CallbackExternalError } from "./callback-external-error.js";
export { CallbackTimeoutError } from "./callback-timeout-error.js";
export { CallbackSubmitterError } from "./callback-submitter-error.js";
export { InvokeError } from "./invoke-error.js";
export { ChildContextError } from "./child-context-error.js";
export { WaitForConditionError } from "./wait-for-condition-error.js";
export { PromiseCombinatorError } from "./promise-combinator-error.js";
export { BatchCompletionError } from "./batch-completion-error.js";
export { StepInterruptedError } from "./step-interrupted-error.js";
export { StepTimeoutError } from "./step-timeout-error.js";
export { CancelledError } from "./cancelled-error.js";
export { NonDeterministicExecutionError } from "./non-deterministic-execution-error.js";
export type { OperationSignature } from "./non-deterministic-execution-error.js";
export { ConfigError } from "./config-error.js";
export { PayloadTooLargeError } from "./payload-too-large-error.js";
export { SerdesError } from "./serdes-error.js";
export type { SerdesDirection } from "./serdes-error.js";
export { InvalidEventError } from "./invalid-event-error.js";
export { InvalidInputError } from "./invalid-input-error.js";
export { DurableExecutionClientError, DurableExecutionClientErrorScope, isDurableExecutionClientError } from "./durable-execution-client-error.js";
export type { DurableExecutionClientErrorOptions } from "./durable-execution-client-error.js";
export { PluginLoadError } from "./plugin-load-error.js";
export { isCancelledError, isDurableError, isTerminalError } from "./terminal.js";
export { errorFromErrorObject, errorToErrorObject } from "./error-codec.js";
