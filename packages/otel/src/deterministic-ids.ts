import { createHash, randomBytes } from "node:crypto";

/**
 * The id generator interface of the OpenTelemetry SDK (`IdGenerator` of
 * `@opentelemetry/sdk-trace-base`), written out so this package needs only `@opentelemetry/api`.
 */
export interface IdGenerator {
  generateTraceId(): string;
  generateSpanId(): string;
}

/**
 * An id generator for the tracer provider that lets the durable plugin choose the id of the next
 * span: operation spans get ids derived from the execution and operation, so the span an operation
 * gets in one invocation is the parent its children name in a later one. Every other span gets a
 * random id, as with the SDK's default generator.
 *
 * @example
 * const ids = new DurableIdGenerator();
 * const provider = new NodeTracerProvider({ idGenerator: ids, spanProcessors: [...] });
 * durableExecution(handler, { plugins: [otelPlugin({ tracer: provider.getTracer("orders"), idGenerator: ids })] });
 */
export class DurableIdGenerator implements IdGenerator {
  private nextSpanId: string | undefined;
  private nextTraceId: string | undefined;

  generateTraceId(): string {
    const chosen = this.nextTraceId;
    this.nextTraceId = undefined;
    return chosen ?? nonZero(randomBytes(16).toString("hex"));
  }

  generateSpanId(): string {
    const chosen = this.nextSpanId;
    this.nextSpanId = undefined;
    return chosen ?? nonZero(randomBytes(8).toString("hex"));
  }

  /**
   * Runs `start` (which must start exactly one span, synchronously) with `spanId` as that span's id
   * and, for a root span, `traceId` as its trace id.
   */
  withNextSpanId<T>(spanId: string, start: () => T, traceId?: string): T {
    this.nextSpanId = spanId;
    this.nextTraceId = traceId;
    try {
      return start();
    } finally {
      this.nextSpanId = undefined;
      this.nextTraceId = undefined;
    }
  }
}

// All-zero ids are invalid in OpenTelemetry.
function nonZero(hex: string): string {
  return /^0+$/.test(hex) ? `${hex.slice(0, -1)}1` : hex;
}

function hash(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** The span id of an operation of an execution: the same in every invocation. */
export function operationSpanId(executionArn: string, operationId: string): string {
  return nonZero(hash(executionArn, "operation", operationId).slice(0, 16));
}

/** The span id of the execution itself: the parent of its invocations and root operations. */
export function executionSpanId(executionArn: string): string {
  return nonZero(hash(executionArn, "execution").slice(0, 16));
}

/** A trace id derived from the execution, when no Lambda trace header gives one. */
export function executionTraceId(executionArn: string): string {
  return nonZero(hash(executionArn, "trace").slice(0, 32));
}

/**
 * The trace id in a Lambda / X-Ray trace header (`Root=1-5759e988-bd862e3fe1be46a994272793;…`), or
 * undefined when the header is absent or has no valid root.
 */
export function traceIdFromLambdaHeader(header: string | undefined): string | undefined {
  const root = header?.split(";").find((part) => part.trim().startsWith("Root="));
  const match = root?.trim().match(/^Root=1-([0-9a-f]{8})-([0-9a-f]{24})$/i);
  if (!match) return undefined;
  const id = `${match[1]}${match[2]}`.toLowerCase();
  return /^0+$/.test(id) ? undefined : id;
}
