// Runs with the real @aws-lambda-powertools/logger and /metrics packages; their output is read from stdout.
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { createRetryStrategy, durableExecution, JitterStrategy } from "@durable-ts/sdk";
import { LocalDurableTestRunner } from "@durable-ts/testing";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { durableMetricsPlugin, durablePowertoolsLogger } from "./index.js";

let lines: string[] = [];
beforeEach(() => {
  lines = [];
  const capture = (chunk: unknown) => {
    for (const line of String(chunk).split("\n")) if (line.trim().startsWith("{")) lines.push(line);
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture as never);
  vi.spyOn(process.stderr, "write").mockImplementation(capture as never);
});
afterEach(() => vi.restoreAllMocks());

const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
const retry = createRetryStrategy({ maxAttempts: 2, initialDelay: { seconds: 1 }, jitter: JitterStrategy.NONE });

describe("durablePowertoolsLogger", () => {
  it("appends the execution ARN, operation id and name, attempt and request id to each Powertools log item", async () => {
    const logger = new Logger({ serviceName: "orders", logLevel: "DEBUG" });
    const handler = durableExecution(
      async (_e, ctx) => {
        ctx.logger.info("order received", { orderId: 7 });
        await ctx.step(
          "charge",
          async ({ logger: stepLogger, attempt }) => {
            stepLogger.warn("charging", { attempt });
            if (attempt === 1) throw new Error("declined");
            return "ok";
          },
          { retryStrategy: retry },
        );
        await ctx.runInChildContext("ship", async (child) => child.logger.debug("in child"));
        return "done";
      },
      { logger: durablePowertoolsLogger(logger), metrics: false },
    );
    const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: {} });
    expect(result.getResult()).toBe("done");
    const items = parsed().filter((l) => l.service === "orders");
    const arn = items[0]!.execution_arn as string;
    expect(arn).toMatch(/^arn:aws:lambda:/);

    // "order received" is logged once: the second invocation replays it silently
    expect(items.filter((i) => i.message === "order received")).toEqual([
      expect.objectContaining({ level: "INFO", orderId: 7, execution_arn: arn, durable_request_id: expect.any(String) }),
    ]);
    const charging = items.filter((i) => i.message === "charging");
    expect(charging.map((i) => [i.attempt, i.operation_name, i.level])).toEqual([
      [1, "charge", "WARN"],
      [2, "charge", "WARN"],
    ]);
    expect(charging[0]!.operation_id).toBe(result.getOperation("charge").getOperationData()!.Id);
    expect(items.find((i) => i.message === "in child")).toMatchObject({ level: "DEBUG", execution_arn: arn });
  });

  it("marks lines logged while a context replays with replaying: true (modeAware off)", async () => {
    const logger = new Logger({ serviceName: "orders" });
    const handler = durableExecution(
      async (_e, ctx) => {
        ctx.configureLogger({ modeAware: false });
        ctx.logger.info("before the wait");
        await ctx.wait("pause", { seconds: 1 });
        ctx.logger.info("after the wait");
        return "ok";
      },
      { logger: durablePowertoolsLogger(logger), metrics: false },
    );
    const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: {} });
    expect(result.getResult()).toBe("ok");
    const items = parsed()
      .filter((l) => l.service === "orders")
      .map((l) => [l.message, l.replaying]);
    expect(items).toEqual([
      ["before the wait", undefined],
      ["before the wait", true],
      ["after the wait", undefined],
    ]);
  });

  it("never fails the execution when a value cannot be logged", async () => {
    const logger = new Logger({ serviceName: "orders" });
    const circular: Record<string, unknown> = { name: "loop" };
    circular.self = circular;
    const hostile = {
      get boom(): never {
        throw new Error("getter exploded");
      },
    };
    const handler = durableExecution(
      async (_e, ctx) => {
        ctx.logger.info("circular", circular);
        ctx.logger.info("bigint", 10n);
        ctx.logger.error("hostile", hostile);
        ctx.logger.info({ not: "a string" });
        return "still fine";
      },
      { logger: durablePowertoolsLogger(logger), metrics: false },
    );
    const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: {} });
    expect(result.getResult()).toBe("still fine");
    const items = parsed().filter((l) => l.service === "orders");
    expect(items.map((l) => l.message)).toEqual(["circular", "bigint", "hostile", undefined]);
    expect(items[1]).toMatchObject({ value: "10n" });
    expect(items[2]).toMatchObject({ level: "ERROR", log_error: expect.stringContaining("getter exploded") });
    expect(items[3]).toMatchObject({ not: "a string", execution_arn: expect.stringMatching(/^arn:/) });
  });
});

describe("durableMetricsPlugin", () => {
  it("publishes each invocation's figures as CloudWatch EMF through Powertools Metrics", async () => {
    const metrics = new Metrics({ namespace: "orders", serviceName: "checkout" });
    const handler = durableExecution(
      async (_e, ctx) => {
        await ctx.step("a", async () => 1);
        await ctx.wait("pause", { seconds: 1 });
        return ctx.step("b", async () => 2);
      },
      { plugins: [durableMetricsPlugin(metrics)], metrics: false, logger: { error() {}, warn() {}, info() {}, debug() {} } },
    );
    const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: {} });
    expect(result.getResult()).toBe(2);
    const blobs = parsed().filter((l) => l._aws !== undefined);
    expect(blobs).toHaveLength(2); // one per invocation
    const [first, second] = blobs as [Record<string, any>, Record<string, any>]; // length asserted above
    const directive = first._aws.CloudWatchMetrics[0];
    expect(directive.Namespace).toBe("orders");
    const names = directive.Metrics.map((m: { Name: string }) => m.Name);
    expect(names).toEqual(
      expect.arrayContaining([
        "DurableInvocations",
        "DurableInvocationsSuspended",
        "DurableInvocationDuration",
        "DurableOperationsExecuted",
        "DurableCheckpointCalls",
        "DurableCheckpointBytesSent",
      ]),
    );
    expect(directive.Metrics.find((m: { Name: string }) => m.Name === "DurableCheckpointBytesSent").Unit).toBe("Bytes");
    expect(first.DurableInvocationsSuspended).toBe(1);
    expect(first.suspendReason).toBe("WAIT");
    expect(first.executionArn).toMatch(/^arn:aws:lambda:/);
    expect(second.DurableInvocationsSucceeded).toBe(1);
    expect(second.DurableOperationsReplayed).toBeGreaterThanOrEqual(2);
  });
});
