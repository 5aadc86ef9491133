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
  stepMockPlugin,
  WaitingOperationStatus,
  TestResult,
  createLambdaContext,
} from "./runners/index.js";
export type {
  CallbackResponder,
  CallbackResponderInfo,
  EventClient,
  FunctionMock,
  Invocation,
  LocalRunnerOptions,
  OperationSelector,
  PlainHandler,
  StepMock,
  TestResultError,
  TestWarning,
} from "./runners/index.js";
export { durableMatchers, installDurableMatchers } from "./matchers/index.js";
export type { DurableMatchers, ExpectedError, ExpectedOperation, ExtendableExpect, MatcherOutcome } from "./matchers/index.js";
export {
  expectReplayMatches,
  exploreInterruptions,
  fetchHistory,
  historyFixtureFrom,
  InterruptionExplorationError,
  loadHistory,
  readHistoryEvents,
  ReplayMismatchError,
  replayHistory,
} from "./history/index.js";
export type {
  CutMode,
  ExplorationFailure,
  ExplorationFailureKind,
  ExplorationOutcome,
  ExplorationReport,
  ExploreOptions,
  HistoryEventSource,
  HistoryFixture,
  LambdaClientLike,
  ReplayDivergence,
  ReplayOptions,
  ReplayReport,
} from "./history/index.js";
export { createInProcessLambdaClient, startLocalServer, type LocalFunction, type LocalServer, type LocalServerOptions } from "./server/index.js";
export { CloudDurableTestRunner, operationsFromHistory, type CloudRunnerOptions, type DurableTestRunner } from "./cloud/index.js";
