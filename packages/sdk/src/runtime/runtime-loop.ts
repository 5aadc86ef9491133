/**
 * The Lambda Runtime API loop: poll `/invocation/next`, run the handler with a Lambda context,
 * post `/response` or `/error`; report a failed handler load on `/init/error`.
 * Node built-ins only, so it can serve as a custom runtime's bootstrap.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { LambdaContext } from "../context/lambda-context.js";
import { toRuntimeError } from "./error-payload.js";
import { createInvocationContext, functionEnvironment, traceIdOf, type FunctionEnvironment } from "./invocation-context.js";
import { PhaseRecorder, writeMetricsLine, type InvocationOutcome, type InvocationPhaseMetrics } from "./invocation-metrics.js";
import { RuntimeApiClient } from "./runtime-api-client.js";
import { RuntimeApiError, type RuntimeErrorPayload } from "./runtime-api-error.js";
import { STREAMING_HANDLER, type StreamingDeclaration } from "./streaming-response.js";

/** Any Lambda handler: `(event, context) => result` (async or not). Callback-style handlers are not supported. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- "any handler": a handler with any event type must be assignable (bivariance)
export type RuntimeHandler = ((event: any, context: LambdaContext) => unknown) & { [STREAMING_HANDLER]?: StreamingDeclaration };

/** Options of {@link LambdaRuntime}. */
export interface LambdaRuntimeOptions {
  /** `host:port[/prefix]` of the Runtime API, as in `AWS_LAMBDA_RUNTIME_API`. */
  runtimeApi: string;
  /** The handler, or a loader that returns it. A loader runs once before the first poll; if it throws, the error is posted to `/init/error` and {@link LambdaRuntime.run} rejects with it. */
  handler: RuntimeHandler | { load: () => RuntimeHandler | Promise<RuntimeHandler> };
  /** Function name, version, memory and log names for the context (default: from nothing, local defaults). */
  function?: Partial<FunctionEnvironment>;
  /** Stop after this many invocations (default: never). */
  maxInvocations?: number;
  /** Stops the loop: an open poll is abandoned and `run()` resolves. */
  signal?: AbortSignal;
  /** Called with each invocation's `Lambda-Runtime-Trace-Id` before the handler runs (the bootstrap sets `_X_AMZN_TRACE_ID`). */
  onTraceId?: (traceId: string | undefined) => void;
  /**
   * The per-phase `invocation.metrics` line (see docs/lambda-handlers.md): `true` (default) writes it
   * as JSON on stdout, a function receives the figures instead, `false` turns it off (no timing at all).
   */
  metrics?: boolean | ((metrics: InvocationPhaseMetrics) => void);
}

/**
 * One runtime loop. Invocations run one at a time, as in a Lambda execution environment.
 * @example
 * await new LambdaRuntime({ runtimeApi: process.env.AWS_LAMBDA_RUNTIME_API!, handler }).run();
 */
export class LambdaRuntime {
  private readonly client: RuntimeApiClient;
  private readonly options: LambdaRuntimeOptions;
  private readonly fn: FunctionEnvironment;
  private current: string | undefined;
  private handled = 0;
  private readonly emitMetrics: ((metrics: InvocationPhaseMetrics) => void) | undefined;

  constructor(options: LambdaRuntimeOptions) {
    if (typeof options?.handler !== "function" && typeof options?.handler?.load !== "function") {
      throw new TypeError("handler: expected a function or { load: () => handler }");
    }
    const max = options.maxInvocations;
    if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
      throw new RangeError(`maxInvocations: expected a positive integer, received ${String(max)}`);
    }
    this.options = options;
    this.client = new RuntimeApiClient(options.runtimeApi);
    this.fn = { ...functionEnvironment({}), ...options.function };
    const metrics = options.metrics ?? true;
    this.emitMetrics = metrics === false ? undefined : metrics === true ? writeMetricsLine : metrics;
  }

  /** The request id of the invocation now running, if any. */
  get currentRequestId(): string | undefined {
    return this.current;
  }

  /** How many invocations were answered so far. */
  get invocations(): number {
    return this.handled;
  }

  /**
   * Loads the handler, then serves invocations until `signal` aborts or `maxInvocations` is
   * reached. Rejects when the handler cannot be loaded (after posting `/init/error`) or the Runtime
   * API becomes unreachable.
   */
  async run(): Promise<void> {
    const { signal, maxInvocations } = this.options;
    let handler: RuntimeHandler;
    try {
      handler = await this.loadHandler();
    } catch (error) {
      await this.client.postInitError(toRuntimeError(error)).catch(() => undefined);
      this.client.close();
      throw error;
    }
    try {
      while (!signal?.aborted && (maxInvocations === undefined || this.handled < maxInvocations)) {
        let next;
        const recorder = this.emitMetrics ? new PhaseRecorder(this.handled === 0) : undefined;
        try {
          next = await this.client.next(signal);
        } catch (error) {
          if (signal?.aborted) return;
          throw error;
        }
        recorder?.eventReceived();
        await this.invoke(handler, next.requestId, next.body, next.headers, recorder);
      }
    } finally {
      this.client.close();
    }
  }

  /** Posts `error` for the running invocation (e.g. from an `uncaughtException` hook); false when none runs. */
  async failCurrent(error: unknown): Promise<boolean> {
    const requestId = this.current;
    if (requestId === undefined) return false;
    this.current = undefined;
    await this.client.postError(requestId, toRuntimeError(error));
    return true;
  }

  private async loadHandler(): Promise<RuntimeHandler> {
    const source = this.options.handler;
    if (typeof source === "function") return source;
    const loaded = await source.load();
    if (typeof loaded !== "function") {
      const error = new Error(`The handler loader returned ${loaded === null ? "null" : typeof loaded}, not a function`);
      error.name = "Runtime.HandlerNotFound";
      throw error;
    }
    return loaded;
  }

  private async invoke(handler: RuntimeHandler, requestId: string, body: string, headers: IncomingHttpHeaders, recorder: PhaseRecorder | undefined): Promise<void> {
    this.current = requestId;
    const traceId = traceIdOf(headers);
    this.options.onTraceId?.(traceId);
    let outcome: { body: string } | { error: RuntimeErrorPayload } | { streamed: Promise<InvocationOutcome> };
    try {
      const event = body === "" ? {} : JSON.parse(body);
      recorder?.eventParsed();
      const context = createInvocationContext(requestId, headers, this.fn);
      if (traceId !== undefined) context.xRayTraceId = traceId;
      // Not enumerable: a handler that logs or serializes its context does not carry the recorder along.
      if (recorder) Object.defineProperty(context, "invocationMetrics", { value: recorder, enumerable: false });
      const streaming = handler[STREAMING_HANDLER];
      if (streaming) {
        outcome = { streamed: this.stream(streaming, requestId, event, context, recorder) };
      } else {
        const result = await handler(event, context);
        recorder?.handlerDone();
        outcome = { body: JSON.stringify(result === undefined ? null : result) };
        recorder?.resultMarshalled();
      }
    } catch (error) {
      recorder?.handlerDone();
      outcome = { error: toRuntimeError(error) };
    }
    const streamed = "streamed" in outcome ? await outcome.streamed : undefined;
    // failCurrent() may have answered already (an uncaught exception during the handler).
    if (this.current !== requestId) return;
    this.current = undefined;
    const ended = "streamed" in outcome ? streamed! : await this.post(requestId, outcome);
    this.handled += 1;
    if (recorder && !recorder.silenced) this.emitMetrics!(recorder.finish(requestId, ended));
  }

  /** Runs a streaming handler on a streamed `/response`; an error it throws goes out in the trailers. */
  private async stream(
    declaration: StreamingDeclaration,
    requestId: string,
    event: unknown,
    context: LambdaContext,
    recorder: PhaseRecorder | undefined,
  ): Promise<InvocationOutcome> {
    const response = this.client.openStreamingResponse(requestId, declaration.contentType);
    let failure: RuntimeErrorPayload | undefined;
    try {
      await declaration.handler(event, response.stream, context);
    } catch (error) {
      failure = toRuntimeError(error);
    }
    recorder?.handlerDone();
    try {
      await response.finish(failure);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      await this.client.postError(requestId, refusedResponse(error, 0));
      return "RESPONSE_REFUSED";
    }
    return failure ? "FAILED" : "SUCCEEDED";
  }

  /**
   * Posts the answer. A `/response` the Runtime API refuses (413 for an oversized payload, or any
   * other 4xx) fails the invocation through `/error`, as Lambda reports it, instead of ending the process.
   */
  private async post(requestId: string, outcome: { body: string } | { error: RuntimeErrorPayload }): Promise<InvocationOutcome> {
    if ("error" in outcome) {
      await this.client.postError(requestId, outcome.error);
      return "FAILED";
    }
    try {
      await this.client.postResponse(requestId, outcome.body);
      return "SUCCEEDED";
    } catch (error) {
      if (!isRefusal(error)) throw error;
      await this.client.postError(requestId, refusedResponse(error, Buffer.byteLength(outcome.body)));
      return "RESPONSE_REFUSED";
    }
  }
}

/** A 4xx answer of the Runtime API: it refused what we posted (a connection error or 5xx is not a refusal). */
function isRefusal(error: unknown): error is RuntimeApiError {
  return error instanceof RuntimeApiError && error.status !== undefined && error.status >= 400 && error.status < 500;
}

/** The error document of a refused `/response`. */
export function refusedResponse(error: RuntimeApiError, bytes: number): RuntimeErrorPayload {
  if (error.status === 413) {
    return {
      errorType: "Function.ResponseSizeTooLarge",
      errorMessage: `Response payload size (${bytes} bytes) exceeded the maximum allowed payload size: ${error.message}`,
      stackTrace: [],
    };
  }
  return { errorType: "Runtime.ResponseRefused", errorMessage: `The Runtime API refused the response: ${error.message}`, stackTrace: [] };
}

/** Runs a {@link LambdaRuntime} until it stops; shorthand for `new LambdaRuntime(options).run()`. */
export function runLambdaRuntime(options: LambdaRuntimeOptions): Promise<void> {
  return new LambdaRuntime(options).run();
}
