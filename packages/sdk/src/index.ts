/**
 * @durable-ts/sdk: durable functions for AWS Lambda.
 * Architecture notes: docs/concepts.md (replay, suspension, checkpoints).
 */
export { durableExecution, withDurableExecution } from "./durable-execution.js";
export type { DurableExecutionConfig, DurableExecutionHandler, DurableLambdaHandler, ValidatedDurableExecutionConfig } from "./durable-execution.js";
export type { DurableInstrumentationPlugin, DurablePlugin, InvocationMetrics, OperationInfo } from "./observability/index.js";
export { AttemptEndInfoOutcome, DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION, PluginInvocationStatus, PluginOperationStatus } from "./observability/plugin-api.js";
export type {
  AttemptEndInfo,
  AttemptInfo,
  DurableInstrumentationPluginProvider,
  DurableInstrumentationPluginType,
  InvocationEndInfo,
  InvocationInfo,
  OperationChangeInfo,
  OperationEndInfo,
} from "./observability/plugin-api.js";
export type { AttemptTimeout } from "./operations/attempt-timer.js";

export type { ChildFunc, DurableContext } from "./context/durable-context.js";
export type { LambdaContext } from "./context/lambda-context.js";
export { hashOperationId } from "./context/operation-id.js";
export { withRetry, type RetryableFunc, type WithRetryConfig } from "./context/with-retry.js";

export { DurablePromise } from "./operations/durable-promise.js";
export { StepSemantics } from "./operations/step.js";
export type { StepConfig, StepContext, StepFunc } from "./operations/step.js";
export type { ChildConfig } from "./operations/child-context.js";
export type { CreateCallbackConfig, CreateCallbackResult } from "./operations/callback.js";
export type { InvokeConfig } from "./operations/invoke.js";
export type { MapConfig, MapFunc } from "./operations/map.js";
export type { ParallelBranch, ParallelConfig, ParallelFunc } from "./operations/parallel.js";
export type { BatchConfig } from "./operations/batch.js";
export { BatchItemStatus, CompletionOutcome, NestingType, completeBatch, continueBatch } from "./concurrency/index.js";
export type { BatchItem, BatchResult, CompletionConfig, CompletionDecision, CompletionReason, CompletionState } from "./concurrency/index.js";
export type { WaitForCallbackConfig, WaitForCallbackSubmitterFunc } from "./operations/wait-for-callback.js";
export type { WaitForConditionCheckFunc, WaitForConditionConfig } from "./operations/wait-for-condition.js";

export { InvocationStatus } from "./invocation/types.js";
export type { DurableExecutionInvocationInput, DurableExecutionInvocationOutput } from "./invocation/types.js";

export { DurableExecutionApiClient, type DurableExecutionClient, type RequestTimeouts, type StepBodyInfo, type TransportWarning } from "./checkpoint/index.js";
export { DurableExecutionInvocationInputWithClient } from "./checkpoint/event-with-client.js";
export { DEFAULT_LIMITS, type DurableLimits } from "./config/limits.js";

export {
  BatchCompletionError,
  CallbackError,
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  CancelledError,
  ChildContextError,
  ConfigError,
  DurableError,
  DurableExecutionClientError,
  DurableExecutionClientErrorScope,
  DurableOperationError,
  ErrorCode,
  errorFromErrorObject,
  errorToErrorObject,
  InvalidEventError,
  InvalidInputError,
  InvokeError,
  isDurableError,
  isDurableExecutionClientError,
  isTerminalError,
  NonDeterministicExecutionError,
  PayloadTooLargeError,
  PluginLoadError,
  PromiseCombinatorError,
  SerdesError,
  StepError,
  StepInterruptedError,
  StepTimeoutError,
  WaitForConditionError,
} from "./errors/index.js";
export type { DurableExecutionClientErrorOptions, ErrorClass, OperationSignature } from "./errors/index.js";

export {
  createClassSerdes,
  createClassSerdesWithDates,
  decodeDefaultPayloadSync as decodeDefaultPayload,
  defaultSerdes,
  jsonSerdes,
  registerSerdesClass,
  passThroughSerdes,
} from "./serdes/index.js";
export type { Deserializer, Serdes, SerdesContext } from "./serdes/index.js";
export { buildPreview, createFileSystemSerdes, FieldMatchMode, FileSystemPathEncoding, FileSystemSerdesMode, PreviewMode } from "./serdes/filesystem-serdes.js";
export type { FileSystemSerdesConfig, PreviewConfig, PreviewField } from "./serdes/filesystem-serdes.js";

export { createLinearRetryStrategy, createRetryStrategy, createWaitStrategy, JitterStrategy, retryPresets } from "./retry/index.js";
export type { LinearRetryStrategyConfig, RetryDecision, RetryStrategy, RetryStrategyConfig, WaitStrategy, WaitStrategyConfig } from "./retry/index.js";

export { durationToSeconds, type Duration } from "./time/index.js";

export { createJsonLogger, DurableLogLevel } from "./logging/index.js";
export type { DurableContextLogger, DurableLogData, DurableLogger, LoggerConfig } from "./logging/index.js";

export type { ErrorObject, Operation, OperationUpdate } from "@aws-sdk/client-lambda";
export type {
  CallbackDetails,
  CallbackOptions,
  ChainedInvokeDetails,
  ChainedInvokeOptions,
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  CheckpointUpdatedExecutionState,
  ContextDetails,
  ContextOptions,
  ExecutionDetails,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  StepDetails,
  StepOptions,
  WaitDetails,
  WaitOptions,
  WireOperation,
  WireStepDetails,
  WireTimestamp,
  WireWaitDetails,
} from "./compat/wire-types.js";
export { OperationSubType } from "./compat/official-names.js";
export type {
  AnySerdes,
  AnySerdesDeserializer,
  CompletionItemStatus,
  CompletionStatus,
  ConcurrencyConfig,
  ConcurrentExecutionItem,
  ConcurrentExecutor,
  CustomCompletionConfig,
  DurableLoggingContext,
  SerdesConfig,
  ThresholdCompletionConfig,
  WaitForConditionDecision,
  WaitForConditionWaitStrategyFunc,
} from "./compat/official-names.js";
export { refreshLogConfig, SDK_VERSION } from "./compat/sdk-version.js";
export { ExecutionStatus, OperationAction, OperationStatus, OperationType } from "./replay/wire-enums.js";
