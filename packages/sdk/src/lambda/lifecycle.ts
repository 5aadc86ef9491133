/**
 * `lambdaHandler`: the lifecycle and metrics durable handlers have, for plain handlers:
 * `onColdStart` awaited once before the first event, `validate` with any Standard Schema,
 * `onShutdown` on SIGTERM, and one `invocation.metrics` line per invocation.
 */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { metricsSwitch } from "../config/environment.js";
import { createColdStart, registerShutdown, type ColdStartHook } from "../lifecycle/hooks.js";
import { EventValidationError } from "./handler-error.js";
import type { LambdaContext } from "./types.js";

/** The figures of one invocation when the runtime loop is not ours (the managed runtime, a test). */
export interface HandlerMetrics {
  request_id: string;
  outcome: "SUCCEEDED" | "FAILED";
  cold_start: boolean;
  init_ms?: number;
  validate_ms: number;
  handler_ms: number;
  total_ms: number;
}

/** Options of {@link lambdaHandler}. */
export interface LambdaHandlerConfig<E, R> {
  /** Awaited once per container before its first event. If it throws, that invocation fails and the hook runs again next time. */
  onColdStart?: ColdStartHook;
  /** The handler; gets the validated event when `validate` is given. */
  handle: (event: E, context: LambdaContext) => R | Promise<R>;
  /** Called once on SIGTERM (Lambda sends it only when an extension is registered; ~500 ms). Errors are logged. */
  onShutdown?: () => void | Promise<void>;
  /**
   * The `invocation.metrics` line: `true`/`false`, or a function that receives the figures instead
   * (when the runtime loop is not ours). Default on; env `DURABLE_TS_METRICS=0` turns it off. Off costs nothing.
   */
  metrics?: boolean | ((metrics: HandlerMetrics) => void);
}

/** {@link lambdaHandler} options with a Standard Schema for the event. */
export interface ValidatedLambdaHandlerConfig<S extends StandardSchemaV1, R> extends LambdaHandlerConfig<StandardSchemaV1.InferOutput<S>, R> {
  /** Any Standard Schema (zod, valibot, arktype…). Invalid events throw {@link EventValidationError} (code `INVALID_EVENT`, `field` names the first field at fault). */
  validate: S;
}

const stderrLogger = {
  error: (message: string, error: unknown) =>
    process.stderr.write(`${JSON.stringify({ level: "ERROR", message, errorMessage: String((error as Error)?.message ?? error) })}\n`),
};

function round(ms: number): number {
  return Math.round(Math.max(0, ms) * 100) / 100;
}

function writeLine(metrics: HandlerMetrics): void {
  process.stdout.write(
    `${JSON.stringify({ timestamp: new Date().toISOString(), level: "INFO", requestId: metrics.request_id, message: "invocation.metrics", ...metrics })}\n`,
  );
}

function metricsTarget(option: LambdaHandlerConfig<unknown, unknown>["metrics"], fromEnvironment: boolean | undefined): ((m: HandlerMetrics) => void) | undefined {
  const enabled = option ?? fromEnvironment ?? true;
  if (enabled === false) return undefined;
  return enabled === true ? writeLine : enabled;
}

/**
 * Wraps a plain handler with lifecycle hooks, validation and metrics.
 * @example
 * export const handler = lambdaHandler({
 *   onColdStart: async () => { db = await connect(); },
 *   validate: z.object({ orderId: z.string() }),
 *   handle: async (event) => db.get(event.orderId),
 * });
 */
export function lambdaHandler<S extends StandardSchemaV1, R>(config: ValidatedLambdaHandlerConfig<S, R>): (event: unknown, context: LambdaContext) => Promise<R>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- default event type users rely on: an unannotated handler reads any event
export function lambdaHandler<E = any, R = unknown>(config: LambdaHandlerConfig<E, R>): (event: E, context: LambdaContext) => Promise<R>;
export function lambdaHandler(
  config: LambdaHandlerConfig<unknown, unknown> & { validate?: StandardSchemaV1 },
): (event: unknown, context: LambdaContext) => Promise<unknown> {
  if (typeof config?.handle !== "function") throw new TypeError(`lambdaHandler: handle must be a function, received ${typeof config?.handle}`);
  if (config.validate !== undefined && typeof config.validate?.["~standard"]?.validate !== "function") {
    throw new TypeError("lambdaHandler: validate must be a Standard Schema (zod, valibot, arktype…), with a ~standard.validate function");
  }
  for (const hook of ["onColdStart", "onShutdown"] as const) {
    if (config[hook] !== undefined && typeof config[hook] !== "function")
      throw new TypeError(`lambdaHandler: ${hook} must be a function, received ${typeof config[hook]}`);
  }
  const coldStart = createColdStart(config.onColdStart);
  if (config.onShutdown) registerShutdown(config.onShutdown, stderrLogger);
  // The one read of DURABLE_TS_METRICS for this handler, when it is built.
  const emit = metricsTarget(config.metrics, metricsSwitch(process.env));
  const { validate, handle } = config;
  const run = async (event: unknown, context: LambdaContext) => {
    const input = validate ? await validated(validate, event) : event;
    return handle(input, context);
  };

  if (!emit) {
    // Metrics off: no timestamps, and the loop (if it is ours) writes no line either.
    return async (event, context) => {
      context.invocationMetrics?.silence();
      await coldStart(context);
      return run(event, context);
    };
  }
  return async (event, context) => {
    const startedAt = performance.now();
    const start = await coldStart(context);
    const validateStart = performance.now();
    let handlerStart: number | undefined;
    let outcome: HandlerMetrics["outcome"] = "FAILED";
    try {
      const input = validate ? await validated(validate, event) : event;
      handlerStart = performance.now();
      const result = await handle(input, context);
      outcome = "SUCCEEDED";
      return result;
    } finally {
      const end = performance.now();
      const validateMs = (handlerStart ?? end) - validateStart;
      const handlerMs = handlerStart === undefined ? 0 : end - handlerStart;
      const sink = context.invocationMetrics;
      if (sink) {
        // Our loop writes the one line, with its own phases around these.
        sink.validateMs = validateMs;
        sink.handlerMs = handlerMs;
        if (start.coldStart) sink.initMs = start.initMs;
      } else {
        const metrics: HandlerMetrics = {
          request_id: context.awsRequestId,
          outcome,
          cold_start: start.coldStart,
          validate_ms: round(validateMs),
          handler_ms: round(handlerMs),
          total_ms: round(end - startedAt),
        };
        if (start.coldStart) metrics.init_ms = round(start.initMs);
        emit(metrics);
      }
    }
  };
}

async function validated(schema: StandardSchemaV1, event: unknown): Promise<unknown> {
  const result = await schema["~standard"].validate(event);
  if (result.issues) throw new EventValidationError(result.issues);
  return result.value;
}
