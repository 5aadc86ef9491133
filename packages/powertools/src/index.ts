/**
 * `@durable-ts/powertools`: Powertools for AWS Lambda with durable executions. Notes: docs/powertools.md.
 */
export { durablePowertoolsLogger, type DurableLogKeys, type PowertoolsLoggerLike } from "./powertools-logger.js";
export { durableMetricsPlugin, type DurableMetricsPluginOptions, type PowertoolsMetricsLike } from "./powertools-metrics.js";
