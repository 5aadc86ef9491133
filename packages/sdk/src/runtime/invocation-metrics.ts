/**
 * The per-phase `invocation.metrics` line of the runtime loop: how long the invocation waited for
 * its event (`next_ms`), parsed it, ran the handler, serialized and posted the answer. A handler
 * that knows more (a validation phase, a durable execution's own figures) reports it through the
 * {@link InvocationMetricsSink} on its context, so one line per invocation carries everything.
 * Only created when metrics are on: with them off, the loop takes no timestamps at all.
 */
import type { InvocationMetricsSink } from "../context/lambda-context.js";

export type { InvocationMetricsSink };

/** How an invocation ended, as the loop saw it. */
export type InvocationOutcome = "SUCCEEDED" | "FAILED" | "RESPONSE_REFUSED";

/** The figures of one invocation on our runtime loop (milliseconds, two decimals). */
export interface InvocationPhaseMetrics {
  request_id: string;
  /** The loop's view; a durable handler's own `outcome` (SUCCEEDED, FAILED, PENDING) replaces SUCCEEDED. */
  outcome: string;
  cold_start: boolean;
  /** Waiting for `/invocation/next` (idle time between invocations included). */
  next_ms: number;
  /** Parsing the event JSON. */
  unmarshal_ms: number;
  /** The handler's `validate` phase (0 without one). */
  validate_ms: number;
  /** The handler itself (without `validate` and `onColdStart` when the handler reports them). */
  handler_ms: number;
  /** Serializing the result (0 for a streamed answer). */
  marshal_ms: number;
  /** Posting `/response` or `/error` (for a stream: from the end of the handler to the end of the post). */
  post_ms: number;
  /** From the event's arrival to the answer posted (`next_ms` excluded). */
  total_ms: number;
  [field: string]: unknown;
}

function round(ms: number): number {
  return Math.round(Math.max(0, ms) * 100) / 100;
}

/** Timestamps of one invocation, filled in as the loop goes. */
export class PhaseRecorder implements InvocationMetricsSink {
  validateMs?: number;
  handlerMs?: number;
  initMs?: number;
  silenced = false;
  fields?: Record<string, unknown>;
  private readonly pollStarted = performance.now();
  private received = 0;
  private parsed = 0;
  private handled = 0;
  private marshalled = 0;

  constructor(private readonly coldStart: boolean) {}

  eventReceived(): void {
    this.received = performance.now();
  }
  eventParsed(): void {
    this.parsed = performance.now();
  }
  handlerDone(): void {
    this.handled = this.marshalled = performance.now();
  }
  resultMarshalled(): void {
    this.marshalled = performance.now();
  }

  report(fields: object): void {
    this.fields = { ...this.fields, ...(fields as Record<string, unknown>) };
  }

  silence(): void {
    this.silenced = true;
  }

  /** The line, once the answer is posted. */
  finish(requestId: string, outcome: InvocationOutcome): InvocationPhaseMetrics {
    const posted = performance.now();
    const handled = this.handled || posted;
    const marshalled = this.marshalled || handled;
    const handlerWall = handled - (this.parsed || this.received);
    const validate = this.validateMs ?? 0;
    const line: InvocationPhaseMetrics = {
      request_id: requestId,
      outcome,
      cold_start: this.coldStart,
      next_ms: round(this.received - this.pollStarted),
      unmarshal_ms: round((this.parsed || this.received) - this.received),
      validate_ms: round(validate),
      handler_ms: round(this.handlerMs ?? handlerWall),
      marshal_ms: round(marshalled - handled),
      post_ms: round(posted - marshalled),
      total_ms: round(posted - this.received),
    };
    if (this.initMs !== undefined) line.init_ms = round(this.initMs);
    if (!this.fields) return line;
    // A durable handler's own figures stay as they are; its outcome is the more precise one unless the answer was refused.
    const merged = { ...line, ...this.fields, request_id: requestId } as InvocationPhaseMetrics;
    if (outcome === "RESPONSE_REFUSED" || typeof this.fields.outcome !== "string") merged.outcome = outcome;
    return merged;
  }
}

/** Writes the line as JSON on stdout, in the shape of the SDK's other log lines. */
export function writeMetricsLine(metrics: InvocationPhaseMetrics): void {
  process.stdout.write(
    `${JSON.stringify({ timestamp: new Date().toISOString(), level: "INFO", requestId: metrics.request_id, message: "invocation.metrics", ...metrics })}\n`,
  );
}
