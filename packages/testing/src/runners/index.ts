export { DurableOperation, type OperationSelector } from "./durable-operation.js";
export { DurableExecutionInvocationInputWithClient, type EventClient } from "./event-with-client.js";
export { createLambdaContext } from "./lambda-context.js";
export { LocalDurableTestRunner, type LocalRunnerOptions } from "./local-runner.js";
export { TestResult, type Invocation, type TestResultData } from "./test-result.js";
export type { TestResultError } from "./decode.js";
