import { AsyncLocalStorage } from "node:async_hooks";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace, type Attributes, type Context, type Span, type Tracer } from "@opentelemetry/api";
import type { DurablePlugin, OperationInfo } from "@durable-ts/sdk";
import { executionSpanId, executionTraceId, operationSpanId, traceIdFromLambdaHeader, type DurableIdGenerator } from "./deterministic-ids.js";

/** Options of {@link otelPlugin}. */
export interface OtelPluginOptions {
  /** Where spans go. */
  tracer: Tracer;
  /**
   * The id generator installed on the tracer provider. With it, operation span ids are derived
   * from the execution and operation, so parents link across invocations; without it they are random.
   */
  idGenerator?: DurableIdGenerator;
  /** The Lambda trace header of the current invocation. Default: `process.env._X_AMZN_TRACE_ID`. */
  traceHeader?: () => string | undefined;
}

interface OpenOperation {
  info: OperationInfo;
  startTime: number;
  events: Array<{ name: string; attributes: Attributes; time: number }>;
}

interface InvocationState {
  executionArn: string;
  span: Span;
  parent: Context;
  startTime: number;
  /** Operations answered from the history in this invocation: they already have their span. */
  replayed: Set<string>;
  open: Map<string, OpenOperation>;
  /** Operation spans of this invocation, emitted when it ends with its checkpoints written. */
  ended: EndedOperation[];
}

interface EndedOperation {
  operationId: string;
  parentId: string | undefined;
  emit: () => void;
}

const TERMINAL = new Set(["SUCCEEDED", "FAILED"]);
// Operations the service completes while the function may be suspended: their end is seen live
// only when the invocation was still running, else as a completed operation in a later replay.
const SERVICE_COMPLETED = new Set(["WAIT", "CALLBACK", "CHAINED_INVOKE"]);
// How many executions' emitted-operation sets this process remembers.
const REMEMBERED_EXECUTIONS = 1_000;

/**
 * A plugin that traces durable executions with OpenTelemetry:
 * - one span per invocation (`durable.invocation`), child of the execution span;
 * - one span per operation (`STEP charge`, `WAIT cool-down`, …), emitted in the invocation where the
 *   operation ends, never for an operation answered from the history; attempts are span events;
 *   its parent is the span of its parent context, or the execution span;
 * - the execution span (`durable.execution`), emitted by the invocation that ends the execution.
 * All spans of an execution share one trace: the Lambda trace header's, else one derived from the
 * execution ARN.
 */
export function otelPlugin(options: OtelPluginOptions): DurablePlugin {
  const { tracer, idGenerator } = options;
  const traceHeader = options.traceHeader ?? (() => process.env._X_AMZN_TRACE_ID);
  const invocations = new Map<string, InvocationState>();
  // Spans of an invocation that threw (a lost checkpoint reply, a crash), per execution. Whether
  // their operations were recorded is known only in the next invocation: replayed as completed,
  // their span is emitted then; run again, the new run's span replaces it.
  const carried = new Map<string, Map<string, EndedOperation>>();
  // Operation hooks carry no ARN: each invocation's state follows its own async flow, so
  // invocations of several executions in one process (tests, the local server) stay apart.
  const active = new AsyncLocalStorage<InvocationState>();
  // First invocation start seen by this process, per execution: the execution span's start.
  const firstSeen = new Map<string, number>();
  // Service-completed operations this process already gave a span, per execution (oldest first).
  const emitted = new Map<string, Set<string>>();
  const markEmitted = (arn: string, operationId: string) => {
    let set = emitted.get(arn);
    if (set === undefined) {
      if (emitted.size >= REMEMBERED_EXECUTIONS) emitted.delete(emitted.keys().next().value!);
      emitted.set(arn, (set = new Set()));
    }
    set.add(operationId);
  };

  const startSpan = (
    name: string,
    spanId: string | undefined,
    attributes: Attributes,
    parent: Context,
    startTime: number,
    kind = SpanKind.INTERNAL,
    rootTraceId?: string,
  ): Span => {
    const start = () => tracer.startSpan(name, { kind, attributes, startTime, root: rootTraceId !== undefined }, parent);
    return spanId !== undefined && idGenerator !== undefined ? idGenerator.withNextSpanId(spanId, start, rootTraceId) : start();
  };

  const parentOf = (arn: string, state: InvocationState, info: OperationInfo): Context => {
    if (info.parentId === undefined) return state.parent;
    const spanContext = {
      traceId: trace.getSpanContext(state.parent)!.traceId,
      spanId: operationSpanId(arn, info.parentId),
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    };
    return trace.setSpanContext(ROOT_CONTEXT, spanContext);
  };

  return {
    name: "@durable-ts/otel",
    onInvocationStart({ executionArn, requestId, coldStart }) {
      const now = Date.now();
      if (!firstSeen.has(executionArn)) firstSeen.set(executionArn, now);
      // An earlier invocation of this execution that never ended (timed out, abandoned): like one that threw.
      const abandoned = invocations.get(executionArn);
      if (abandoned !== undefined) carry(abandoned);
      const traceId = traceIdFromLambdaHeader(traceHeader()) ?? executionTraceId(executionArn);
      const parent = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: executionSpanId(executionArn), traceFlags: TraceFlags.SAMPLED, isRemote: true });
      const span = startSpan(
        "durable.invocation",
        undefined,
        { "faas.invocation_id": requestId, "faas.coldstart": coldStart, "durable.execution_arn": executionArn },
        parent,
        now,
        SpanKind.SERVER,
      );
      const state: InvocationState = { executionArn, span, parent, startTime: now, replayed: new Set(), open: new Map(), ended: [] };
      invocations.set(executionArn, state);
      // This hook runs synchronously inside the invocation, so the store stays with the rest of it.
      active.enterWith(state);
    },
    onOperationStart(info) {
      const state = current();
      if (state === undefined) return;
      carried.get(state.executionArn)?.delete(info.operationId);
      state.open.set(info.operationId, { info, startTime: Date.now(), events: [] });
    },
    onOperationReplay(info) {
      const state = current();
      if (state === undefined) return;
      // A wait, callback or invoke that completed while the function was suspended: its first
      // replay is where it ends, so its end hook (with the real outcome) gives it its span.
      if (SERVICE_COMPLETED.has(info.type) && emitted.get(state.executionArn)?.has(info.operationId) !== true) return;
      state.replayed.add(info.operationId);
      adoptCarried(state, info.operationId);
    },
    onOperationAttemptEnd(info) {
      const open = current()?.open.get(info.operationId);
      if (open === undefined) return;
      const attributes: Attributes = { "durable.attempt": info.attempt, "durable.outcome": info.outcome, "durable.duration_ms": info.durationMs };
      if (info.error !== undefined) Object.assign(attributes, { "exception.type": info.error.name, "exception.message": info.error.message });
      open.events.push({ name: "attempt", attributes, time: Date.now() });
    },
    onOperationEnd(info) {
      const state = current();
      if (state === undefined || state.replayed.has(info.operationId)) return;
      endOperationSpan(state, info, info.outcome, info.error);
    },
    onInvocationEnd({ executionArn, outcome }) {
      const state = invocations.get(executionArn);
      if (state === undefined) return;
      invocations.delete(executionArn);
      if (outcome !== "THROWN") {
        for (const ended of state.ended) ended.emit();
        carried.delete(executionArn);
      } else {
        carry(state);
      }
      state.span.setAttribute("durable.outcome", outcome);
      state.span.setStatus(
        outcome === "FAILED" || outcome === "THROWN" ? { code: SpanStatusCode.ERROR, message: `invocation ended ${outcome}` } : { code: SpanStatusCode.OK },
      );
      state.span.end();
      if (!TERMINAL.has(outcome)) return;
      // The execution span is the trace's root; the id generator gives it the execution's trace id.
      const traceId = trace.getSpanContext(state.parent)!.traceId;
      const attributes = { "durable.execution_arn": executionArn, "durable.outcome": outcome };
      const span = startSpan(
        "durable.execution",
        executionSpanId(executionArn),
        attributes,
        ROOT_CONTEXT,
        firstSeen.get(executionArn) ?? state.startTime,
        SpanKind.INTERNAL,
        traceId,
      );
      span.setStatus(outcome === "FAILED" ? { code: SpanStatusCode.ERROR, message: "execution failed" } : { code: SpanStatusCode.OK });
      span.end();
      firstSeen.delete(executionArn);
    },
  };

  function endOperationSpan(state: InvocationState, info: OperationInfo, outcome: "SUCCEEDED" | "FAILED", error: Error | undefined): void {
    const arn = state.executionArn;
    const open = state.open.get(info.operationId);
    state.open.delete(info.operationId);
    const attributes: Attributes = {
      "durable.execution_arn": arn,
      "durable.operation.id": info.operationId,
      "durable.operation.position": info.position,
      "durable.operation.type": info.type,
      // Started in an earlier invocation: this span starts with the invocation that saw it end.
      "durable.operation.resumed": open === undefined,
    };
    if (info.name !== undefined) attributes["durable.operation.name"] = info.name;
    if (info.subType !== undefined) attributes["durable.operation.subtype"] = info.subType;
    if (info.parentId !== undefined) attributes["durable.operation.parent_id"] = info.parentId;
    const parent = parentOf(arn, state, info);
    const endTime = Date.now();
    state.ended.push({
      operationId: info.operationId,
      parentId: info.parentId,
      emit: () => {
        const span = startSpan(
          `${info.type} ${info.name ?? info.position}`,
          operationSpanId(arn, info.operationId),
          attributes,
          parent,
          open?.startTime ?? state.startTime,
        );
        for (const event of open?.events ?? []) span.addEvent(event.name, event.attributes, event.time);
        if (outcome === "FAILED") {
          if (error !== undefined) span.recordException(error, endTime);
          span.setStatus({ code: SpanStatusCode.ERROR, message: error?.message });
        } else {
          span.setStatus({ code: SpanStatusCode.OK });
        }
        span.end(endTime);
        if (SERVICE_COMPLETED.has(info.type)) markEmitted(arn, info.operationId);
      },
    });
  }

  /** `operationId` was recorded after all: its carried span, and those of its children (a completed context's children are not replayed), are emitted with this invocation's. */
  function adoptCarried(state: InvocationState, operationId: string): void {
    const pending = carried.get(state.executionArn);
    const ended = pending?.get(operationId);
    if (pending === undefined || ended === undefined) return;
    pending.delete(operationId);
    state.ended.push(ended);
    for (const child of [...pending.values()]) if (child.parentId === operationId) adoptCarried(state, child.operationId);
  }

  function carry(state: InvocationState): void {
    if (state.ended.length === 0) return;
    const pending = carried.get(state.executionArn) ?? new Map<string, EndedOperation>();
    for (const ended of state.ended) pending.set(ended.operationId, ended);
    carried.set(state.executionArn, pending);
    state.ended = [];
  }

  function current(): InvocationState | undefined {
    return active.getStore();
  }
}
