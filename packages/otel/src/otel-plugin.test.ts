// Runs against the real OpenTelemetry SDK (sdk-trace-base) with its in-memory exporter.
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { SpanStatusCode } from "@opentelemetry/api";
import { createRetryStrategy, durableExecution, JitterStrategy, type DurablePlugin } from "@durable-ts/sdk";
import { exploreInterruptions, LocalDurableTestRunner } from "@durable-ts/testing";
import { afterEach, describe, expect, it } from "vitest";
import { DurableIdGenerator, executionSpanId, operationSpanId, otelPlugin, traceIdFromLambdaHeader } from "./index.js";

const exporter = new InMemorySpanExporter();
const ids = new DurableIdGenerator();
const provider = new BasicTracerProvider({ idGenerator: ids, spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer("durable-test");
afterEach(() => exporter.reset());

const retry = createRetryStrategy({ maxAttempts: 3, initialDelay: { seconds: 1 }, jitter: JitterStrategy.NONE });

function workflow(plugin: DurablePlugin) {
  return durableExecution(
    async (_e, ctx) => {
      const a = await ctx.step("load", async () => 1);
      await ctx.wait("pause", { seconds: 5 });
      const b = await ctx.runInChildContext("price", async (child) => {
        const base = await child.step("base", async () => 10);
        return base + (await child.step("tax", async () => 2));
      });
      const c = await ctx.step(
        "charge",
        async ({ attempt }) => {
          if (attempt < 2) throw new Error("card declined");
          return 3;
        },
        { retryStrategy: retry },
      );
      return a + b + c;
    },
    { plugins: [plugin], metrics: false },
  );
}

const byName = (spans: ReadableSpan[], name: string) => spans.filter((s) => s.name === name);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe("otelPlugin", () => {
  it("emits one span per operation and per invocation, with parents that follow child contexts across invocations", async () => {
    const result = await new LocalDurableTestRunner({ handlerFunction: workflow(otelPlugin({ tracer, idGenerator: ids, traceHeader: () => undefined })) }).run({
      payload: {},
    });
    expect(result.getResult()).toBe(16);
    const spans = exporter.getFinishedSpans();
    const arn = spans.find((s) => s.name === "durable.execution")!.attributes["durable.execution_arn"] as string;
    const invocations = byName(spans, "durable.invocation");
    expect(invocations).toHaveLength(result.getInvocations().length);
    expect(result.getInvocations().length).toBe(3); // the wait, then the retry delay

    const operations = spans.filter((s) => s.attributes["durable.operation.id"] !== undefined);
    expect(operations.map((s) => s.name).sort()).toEqual(["CONTEXT price", "STEP base", "STEP charge", "STEP load", "STEP tax", "WAIT pause"]);
    // no operation has two spans, although each was replayed in later invocations
    expect(new Set(operations.map((s) => s.spanContext().spanId)).size).toBe(operations.length);
    for (const span of operations) {
      expect(span.spanContext().spanId).toBe(operationSpanId(arn, span.attributes["durable.operation.id"] as string));
    }
    const price = operations.find((s) => s.name === "CONTEXT price")!;
    for (const name of ["STEP base", "STEP tax"]) expect(parentOf(operations.find((s) => s.name === name)!)).toBe(price.spanContext().spanId);
    for (const name of ["STEP load", "WAIT pause", "CONTEXT price", "STEP charge"]) expect(parentOf(operations.find((s) => s.name === name)!)).toBe(executionSpanId(arn));
    for (const span of invocations) expect(parentOf(span)).toBe(executionSpanId(arn));

    const execution = byName(spans, "durable.execution");
    expect(execution).toHaveLength(1);
    expect(execution[0]!.spanContext().spanId).toBe(executionSpanId(arn));
    expect(parentOf(execution[0]!)).toBeUndefined();
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);

    // the wait started in the first invocation and ended in the second
    expect(operations.find((s) => s.name === "WAIT pause")!.attributes["durable.operation.resumed"]).toBe(true);
    // attempts are events; the failed attempt recorded its exception
    const charge = operations.find((s) => s.name === "STEP charge")!;
    expect(charge.status.code).toBe(SpanStatusCode.OK);
    expect(charge.events.map((e) => [e.name, e.attributes?.["durable.attempt"], e.attributes?.["durable.outcome"]])).toEqual([["attempt", 2, "SUCCEEDED"]]);
  });

  it("records a failed operation's exception and status, and the failed execution", async () => {
    const handler = durableExecution(
      async (_e, ctx) =>
        ctx.step(
          "explode",
          async () => {
            throw new RangeError("no stock");
          },
          { retryStrategy: createRetryStrategy({ maxAttempts: 1 }) },
        ),
      { plugins: [otelPlugin({ tracer, idGenerator: ids })], metrics: false },
    );
    const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: {} });
    expect(result.getStatus()).toBe("FAILED");
    const spans = exporter.getFinishedSpans();
    const step = spans.find((s) => s.name === "STEP explode")!;
    expect(step.status).toEqual({ code: SpanStatusCode.ERROR, message: "no stock" });
    expect(step.events.some((e) => e.name === "exception" && e.attributes?.["exception.message"] === "no stock")).toBe(true);
    expect(spans.find((s) => s.name === "durable.execution")!.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("uses the Lambda trace header's trace id for every span of the execution", async () => {
    const header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    const plugin = otelPlugin({ tracer, idGenerator: ids, traceHeader: () => header });
    await new LocalDurableTestRunner({ handlerFunction: workflow(plugin) }).run({ payload: {} });
    const traceIds = new Set(exporter.getFinishedSpans().map((s) => s.spanContext().traceId));
    expect([...traceIds]).toEqual(["5759e988bd862e3fe1be46a994272793"]);
    expect(traceIdFromLambdaHeader("Root=1-00000000-000000000000000000000000")).toBeUndefined();
    expect(traceIdFromLambdaHeader("Sampled=1")).toBeUndefined();
  });

  it("keeps concurrent executions in one process apart", async () => {
    const plugin = otelPlugin({ tracer, idGenerator: ids, traceHeader: () => undefined });
    const handler = workflow(plugin);
    const [r1, r2] = await Promise.all([
      new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: {} }),
      new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: {} }),
    ]);
    expect([r1.getResult(), r2.getResult()]).toEqual([16, 16]);
    const operations = exporter.getFinishedSpans().filter((s) => s.attributes["durable.operation.id"] !== undefined);
    const perExecution = new Map<string, string[]>();
    for (const span of operations) {
      const arn = span.attributes["durable.execution_arn"] as string;
      perExecution.set(arn, [...(perExecution.get(arn) ?? []), span.name]);
      expect(span.spanContext().spanId).toBe(operationSpanId(arn, span.attributes["durable.operation.id"] as string));
    }
    expect([...perExecution.values()].map((names) => names.length)).toEqual([6, 6]);
  });

  it("emits exactly one span per operation wherever an invocation is cut (checkpoint lost, reply lost, mid-batch)", async () => {
    const plugin = otelPlugin({ tracer, idGenerator: ids, traceHeader: () => undefined });
    const report = await exploreInterruptions(workflow(plugin), {}, { points: "all" });
    expect(report.failures).toEqual([]);
    const perExecution = new Map<string, ReadableSpan[]>();
    for (const span of exporter.getFinishedSpans()) {
      if (span.attributes["durable.operation.id"] === undefined) continue;
      const arn = span.attributes["durable.execution_arn"] as string;
      perExecution.set(arn, [...(perExecution.get(arn) ?? []), span]);
    }
    expect(perExecution.size).toBeGreaterThan(10);
    const all = new Set(["CONTEXT price", "STEP base", "STEP charge", "STEP load", "STEP tax", "WAIT pause"]);
    const missing = [...perExecution.values()].map((spans) => [...all].filter((n) => !spans.some((s) => s.name === n)).join(",")).filter((m) => m !== "");
    expect(missing).toEqual([]);
    for (const spans of perExecution.values()) {
      const counts = new Map<string, number>();
      for (const s of spans) counts.set(s.spanContext().spanId, (counts.get(s.spanContext().spanId) ?? 0) + 1);
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(1);
    }
  });
});
