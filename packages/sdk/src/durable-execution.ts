import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { DurableExecutionApiClient, type DurableExecutionClient } from "./checkpoint/index.js";
import { metricsSwitch } from "./config/environment.js";
import { DEFAULT_LIMITS, type DurableLimits } from "./config/limits.js";
import type { DurableContext } from "./context/durable-context.js";
import type { LambdaContext } from "./context/lambda-context.js";
import { ConfigError, type ErrorClass } from "./errors/index.js";
import { runInvocation } from "./invocation/run-invocation.js";
import { createColdStart, registerShutdown } from "./lifecycle/hooks.js";
import type { DurableExecutionInvocationInput, DurableExecutionInvocationOutput } from "./invocation/types.js";
import { createJsonLogger, parseLogLevel, type DurableLogger } from "./logging/index.js";
import { defaultSerdes, type Serdes } from "./serdes/index.js";
import { createDispatcher, type DurablePlugin, type InvocationMetrics, type PluginDispatcher } from "./observability/index.js";

/** A durable handler: ordinary async code over a {@link DurableContext}. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- default generic parameters users rely on (the official SDK's signature)
export type DurableExecutionHandler<TEvent = any, TResult = any, L extends DurableLogger = DurableLogger> = (
  event: TEvent,
  context: DurableContext<L>,
) => Promise<TResult>;

/** The Lambda handler `durableExecution` returns. */
export type DurableLambdaHandler = (event: DurableExecutionInvocationInput, context: LambdaContext) => Promise<DurableExecutionInvocationOutput>;

/** Options of {@link durableExecution}. */
export interface DurableExecutionConfig<L extends DurableLogger = DurableLogger> {
  /** The Lambda client used to checkpoint (default: `new LambdaClient({})`, created on first use). */
  client?: LambdaClient;
  /** Replaces the transport entirely; exclusive with `client`. */
  durableExecutionClient?: DurableExecutionClient;
  /** Default serdes for step, child context and condition values. Default: superjson-backed `defaultSerdes`. */
  serdes?: Serdes<unknown>;
  /** Logger behind `context.logger`. Default: one JSON line per call, level from `AWS_LAMBDA_LOG_LEVEL`. */
  logger?: L;
  /** Silence `context.logger` while a context replays. Default true. */
  modeAwareLogging?: boolean;
  /** Size and batching limits; see {@link DurableLimits}. */
  limits?: Partial<DurableLimits>;
  errors?: {
    /** Error classes to restore by name from recorded failures (built-ins and SDK errors are always known). */
    classes?: ErrorClass[];
    /** Record stack traces of failures. Default true. */
    stackTraces?: boolean;
  };
  /** Instrumentation hooks; with none registered, nothing is computed for them. */
  plugins?: DurablePlugin[];
  /**
   * The `invocation.metrics` log line: `true`/`false`, or a function that receives the figures instead.
   * Default: on, except under a test runner's transport; env `DURABLE_TS_METRICS=1|0` overrides the default.
   */
  metrics?: boolean | ((metrics: InvocationMetrics) => void);
  /** Awaited once per container before its first invocation. If it throws, that invocation throws and the hook runs again next time. */
  onColdStart?: (info: { lambdaContext: LambdaContext }) => void | Promise<void>;
  /**
   * Called once when the process receives SIGTERM (Lambda sends it before shutting a container down
   * only when an extension is registered; it has ~500 ms). Errors are logged and ignored.
   */
  onShutdown?: () => void | Promise<void>;
}

/** `durableExecution` options with a Standard Schema (zod, valibot, arktype…) validating the input. */
export interface ValidatedDurableExecutionConfig<S extends StandardSchemaV1, L extends DurableLogger = DurableLogger> extends DurableExecutionConfig<L> {
  /** Runs before any operation; invalid input ends the execution FAILED with `InvalidInputError`. The handler gets the schema's output. */
  validate: S;
}

/**
 * Wraps a durable handler as a Lambda handler. Each invocation loads the execution's operation log,
 * replays completed operations without re-running them, runs new ones, and answers SUCCEEDED,
 * FAILED or PENDING (suspended until the service re-invokes). Transient service faults are thrown so
 * Lambda retries the invocation; deterministic faults end the execution FAILED.
 * @example
 * export const handler = durableExecution(async (event: { orderId: string }, context) => {
 *   const order = await context.step("load", async () => loadOrder(event.orderId));
 *   await context.wait("cool-down", { minutes: 5 });
 *   return context.step("ship", async () => ship(order));
 * });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- default generic parameter users rely on (the official SDK's signature)
export function durableExecution<S extends StandardSchemaV1, TResult = any, L extends DurableLogger = DurableLogger>(
  handler: DurableExecutionHandler<StandardSchemaV1.InferOutput<S>, TResult, L>,
  config: ValidatedDurableExecutionConfig<S, L>,
): DurableLambdaHandler;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- default generic parameters users rely on (the official SDK's signature)
export function durableExecution<TEvent = any, TResult = any, L extends DurableLogger = DurableLogger>(
  handler: DurableExecutionHandler<TEvent, TResult, L>,
  config?: DurableExecutionConfig<L>,
): DurableLambdaHandler;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- default generic parameters users rely on (the official SDK's signature)
export function durableExecution<TEvent = any, TResult = any, L extends DurableLogger = DurableLogger>(
  handler: DurableExecutionHandler<TEvent, TResult, L>,
  config: DurableExecutionConfig<L> & { validate?: StandardSchemaV1 } = {},
): DurableLambdaHandler {
  if (typeof handler !== "function") {
    throw new ConfigError("INVALID_CONFIG", `durableExecution expects a handler function, received ${typeof handler}`, "handler");
  }
  if (config.client && config.durableExecutionClient) {
    throw new ConfigError("TRANSPORT_CONFLICT", "Pass either client or durableExecutionClient, not both", "durableExecutionClient");
  }
  const limits = { ...DEFAULT_LIMITS, ...config.limits };
  const custom = config.durableExecutionClient;
  let api: DurableExecutionApiClient | undefined;
  const setup = {
    handler: handler as (event: unknown, context: DurableContext) => Promise<unknown>,
    transport: (lambdaContext: LambdaContext) => custom ?? apiForInvocation((api ??= apiClient(config.client, limits)), lambdaContext, limits),
    serdes: config.serdes ?? defaultSerdes,
    logger: config.logger ?? createJsonLogger({ level: parseLogLevel(process.env.AWS_LAMBDA_LOG_LEVEL) }),
    modeAwareLogging: config.modeAwareLogging ?? true,
    limits,
    errorClasses: config.errors?.classes ?? [],
    stackTraces: config.errors?.stackTraces ?? true,
    validate: config.validate,
    plugins: undefined as PluginDispatcher | undefined,
    // The one read of DURABLE_TS_METRICS for durable handlers: an explicit option wins over it.
    metrics: config.metrics ?? metricsSwitch(process.env),
  };
  setup.plugins = createDispatcher(config.plugins, setup.logger);
  const coldStart = createColdStart(config.onColdStart);
  if (config.onShutdown) registerShutdown(config.onShutdown, setup.logger);
  return async (event, context) => {
    const start = await coldStart(context);
    return runInvocation(event, context, setup, start);
  };
}

/** The default client gets request timeouts; a client passed in keeps its own configuration. */
function apiClient(client: LambdaClient | undefined, limits: DurableLimits): DurableExecutionApiClient {
  return client ? new DurableExecutionApiClient(client) : new DurableExecutionApiClient(undefined, limits);
}

/**
 * Every service call of the invocation is aborted once the invocation is within its deadline
 * margin: a hung request then throws (Lambda retries the invocation) instead of running into the
 * Lambda timeout. Without a clock (a hand-built context) only the default client's timeouts apply.
 */
function apiForInvocation(api: DurableExecutionApiClient, lambdaContext: LambdaContext, limits: DurableLimits): DurableExecutionClient {
  const remaining = lambdaContext?.getRemainingTimeInMillis;
  if (typeof remaining !== "function") return api;
  return api.forInvocation(() => {
    const left = remaining.call(lambdaContext);
    // Half the time left when the margin would take it all: a function with a timeout of a few
    // seconds must still be able to checkpoint.
    return Number.isFinite(left) ? Math.max(left - limits.deadlineMarginMs, left / 2) : 2 ** 31 - 1;
  });
}

/** Alias of {@link durableExecution} (the official SDK's name). */
export const withDurableExecution = durableExecution;
