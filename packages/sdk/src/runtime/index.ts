/**
 * `@durable-ts/sdk/runtime`: a Lambda Runtime API loop on Node built-ins, usable as a custom
 * runtime's bootstrap and by the local server to run a function in its own process.
 * Notes: docs/local-server.md.
 */
export { LambdaRuntime, runLambdaRuntime, type LambdaRuntimeOptions, type RuntimeHandler } from "./runtime-loop.js";
export { loadHandlerModule, runBootstrap } from "./bootstrap.js";
export { RuntimeApiClient, runtimeApiBaseUrl, type NextInvocation } from "./runtime-api-client.js";
export { RuntimeApiError, type RuntimeErrorPayload } from "./runtime-api-error.js";
export { createInvocationContext, functionEnvironment, type FunctionEnvironment } from "./invocation-context.js";
export { toRuntimeError } from "./error-payload.js";
export { PhaseRecorder, type InvocationOutcome, type InvocationPhaseMetrics } from "./invocation-metrics.js";
export { STREAMING_HANDLER, StreamingResponse, type StreamingDeclaration, type StreamingRuntimeHandler } from "./streaming-response.js";
