/**
 * `@durable-ts/otel`: OpenTelemetry tracing for durable executions. Notes: docs/opentelemetry.md.
 */
export { otelPlugin, type OtelPluginOptions } from "./otel-plugin.js";
export { DurableIdGenerator, executionSpanId, executionTraceId, operationSpanId, traceIdFromLambdaHeader, type IdGenerator } from "./deterministic-ids.js";
