export { createDispatcher, PluginDispatcher } from "./dispatcher.js";
export { MetricsRecorder, type InvocationMetrics } from "./metrics.js";
export type { DurableInstrumentationPlugin, DurablePlugin, OperationInfo } from "./plugin.js";
