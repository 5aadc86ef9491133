export {
  DurableOperation,
  WaitingOperationStatus,
  type CallbackDetails,
  type ChainedInvokeDetails,
  type ContextDetails,
  type OperationSelector,
  type StepDetails,
  type WaitResultDetails,
} from "./durable-operation.js";
export type { OperationAccess } from "./operation-access.js";
export { DurableExecutionInvocationInputWithClient, type EventClient, type TestResultError } from "../sdk-io/index.js";
export { createLambdaContext } from "./lambda-context.js";
export {
  LocalDurableTestRunner,
  type FunctionMock,
  type InvokeRequest,
  type LocalDurableTestRunnerParameters,
  type LocalDurableTestRunnerSetupParameters,
  type LocalRunnerOptions,
  type PlainHandler,
} from "./local-runner.js";
export { stepMockPlugin, type StepMock } from "./step-mocks.js";
export type { CallbackResponder, CallbackResponderInfo } from "./responders.js";
export { TestResult, type Invocation } from "./test-result.js";
export type { TestWarning } from "./test-result.js";
