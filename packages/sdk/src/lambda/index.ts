/**
 * `@durable-ts/sdk/lambda`: plain Lambda handlers done right, on Node built-ins: an event router
 * with response shaping, SSE and response streaming, typed lifecycle and per-phase metrics.
 * A separate entry point, so the durable SDK's own bundle does not grow. Guide: docs/lambda-handlers.md.
 */
export { router, NoRouteError, type RouterOptions } from "./router/router.js";
export { httpApi, type HttpApiRouteSpec, type HttpMethod, type HttpRequest } from "./router/http-api.js";
export { sqs, type SqsRouteSpec } from "./router/sqs.js";
export { eventBridge, schedule, type EventBridgeRouteSpec, type ScheduleRouteSpec } from "./router/event-bridge.js";
export { durable, direct, type DirectRouteSpec } from "./router/catch-all.js";
export type { Route, RouteOptions } from "./router/route-spec.js";
export type { CatchRule, CatchScope, HttpShape, ReturnRule, ReturnScope } from "./router/shaping.js";
export {
  eventKindOf,
  type DurableInvocationEvent,
  type EventBridgeEvent,
  type EventKind,
  type HttpApiEvent,
  type HttpApiResponse,
  type SqsBatchResponse,
  type SqsEvent,
  type SqsRecord,
} from "./router/events.js";
export { HandlerError, EventValidationError, errorCodeOf } from "./handler-error.js";
export { applyMiddleware, type LambdaContext, type LambdaHandler, type Middleware } from "./types.js";
export { lambdaHandler, type HandlerMetrics, type LambdaHandlerConfig, type ValidatedLambdaHandlerConfig } from "./lifecycle.js";
export type { InvocationMetricsSink } from "../context/lambda-context.js";
export { streamingHandler, type HttpResponseMetadata, type MetadataOption, type StreamingBody, type StreamingLambdaHandler } from "./streaming/streaming-handler.js";
export { sseHandler, encodeSseFrame, type SseFrame, type SseWrite } from "./streaming/sse.js";
