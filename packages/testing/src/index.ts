/**
 * @durable-ts/testing: an in-memory durable execution service with a virtual clock, and a local
 * test runner on it. See docs/testing.md.
 */
export { InMemoryBackend } from "./backend/index.js";
export { InvocationScheduler, schedulerFor } from "./invoker/index.js";
export { VirtualClock } from "./clock/index.js";
export {
  DurableExecutionInvocationInputWithClient,
  DurableOperation,
  LocalDurableTestRunner,
  stepMockPlugin,
  WaitingOperationStatus,
  TestResult,
  createLambdaContext,
} from "./runners/index.js";
export type {
  CallbackDetails,
  CallbackResponder,
  CallbackResponderInfo,
  ChainedInvokeDetails,
  ContextDetails,
  EventClient,
  FunctionMock,
  Invocation,
  InvokeRequest,
  LocalDurableTestRunnerParameters,
  LocalDurableTestRunnerSetupParameters,
  LocalRunnerOptions,
  OperationSelector,
  PlainHandler,
  StepDetails,
  StepMock,
  TestResultError,
  WaitResultDetails,
  TestWarning,
} from "./runners/index.js";
export { ExecutionStatus, InvocationType, OperationStatus, OperationType } from "./compat/enums.js";
export type { Operation, WireOperation } from "@durable-ts/sdk";
export { durableMatchers, installDurableMatchers } from "./matchers/index.js";
export type { DurableMatchers, ExpectedError, ExpectedOperation, ExtendableExpect, MatcherOutcome } from "./matchers/index.js";
export { expectReplayMatches, fetchHistory, historyFixtureFrom, loadHistory, readHistoryEvents, ReplayMismatchError, replayHistory } from "./history/index.js";
export { exploreInterruptions, InterruptionExplorationError } from "./exploration/index.js";
export type { CutMode, ExplorationFailure, ExplorationFailureKind, ExplorationOutcome, ExplorationReport, ExploreOptions } from "./exploration/index.js";
export type { HistoryEventSource, HistoryFixture, LambdaClientLike, ReplayDivergence, ReplayOptions, ReplayReport } from "./history/index.js";
export { createInProcessLambdaClient, startLocalServer, type LocalFunction, type LocalServer, type LocalServerOptions } from "./server/index.js";
export { invocationEndings, operationsTable, type InvocationEnding } from "./format/index.js";
export {
  CloudDurableTestRunner,
  operationsFromHistory,
  type CloudDurableTestRunnerConfig,
  type CloudDurableTestRunnerParameters,
  type CloudRunnerOptions,
  type DurableTestRunner,
} from "./cloud/index.js";
