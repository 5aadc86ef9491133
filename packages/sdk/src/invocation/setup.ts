import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { DurableExecutionClient } from "../checkpoint/index.js";
import type { DurableLimits } from "../config/limits.js";
import type { DurableContext } from "../context/durable-context.js";
import type { LambdaContext } from "../context/lambda-context.js";
import type { ErrorClass } from "../errors/index.js";
import type { DurableLogger } from "../logging/index.js";
import type { InvocationMetrics, PluginDispatcher } from "../observability/index.js";
import type { Serdes } from "../serdes/index.js";

/** Everything an invocation needs that does not come from the event: resolved once per handler, at the entry. */
export interface InvocationSetup {
  handler: (event: unknown, context: DurableContext) => Promise<unknown>;
  /** The configured transport, for one invocation (its calls may be bounded by the invocation's remaining time). */
  transport(lambdaContext: LambdaContext): DurableExecutionClient;
  serdes: Serdes<unknown>;
  logger: DurableLogger;
  modeAwareLogging: boolean;
  limits: DurableLimits;
  errorClasses: ErrorClass[];
  stackTraces: boolean;
  validate?: StandardSchemaV1<unknown, unknown>;
  /** Created once per handler, so a broken hook warns once per container, not once per invocation. */
  plugins?: PluginDispatcher;
  /**
   * true/false, a receiver, or undefined = on unless the transport came on the event (a test).
   * The entry resolves it from the config, else from `DURABLE_TS_METRICS`.
   */
  metrics?: boolean | ((metrics: InvocationMetrics) => void);
}

/** Per-invocation facts from the entry point. */
export interface InvocationStart {
  coldStart: boolean;
  initMs: number;
}
