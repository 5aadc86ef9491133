import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createJsonLogger, type DurableLogData } from "@durable-ts/sdk";
import { MAX_LOG_LINE_LENGTH } from "../src/logging/default-logger.js";
import { durable, runnerFor } from "./support.js";

/** A Powertools-shaped logger: four level methods plus the optional durable-context hook. */
function recordingLogger() {
  const lines: { level: string; args: unknown[]; data?: DurableLogData }[] = [];
  let source: (() => DurableLogData) | undefined;
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      lines.push({ level, args, data: source?.() });
  return {
    lines,
    logger: {
      debug: at("debug"),
      info: at("info"),
      warn: at("warn"),
      error: at("error"),
      configureDurableLoggingContext(context: { getDurableLogData(): DurableLogData }) {
        source = () => context.getDurableLogData();
      },
    },
  };
}

describe("replay-aware logger", () => {
  it("logs each line once across invocations: nothing logged before a suspension is logged again on replay", async () => {
    const { lines, logger } = recordingLogger();
    const handler = durable(
      async (_e, ctx) => {
        ctx.logger.info("starting", { orderId: 7 });
        await ctx.step("charge", async ({ logger: stepLogger }) => {
          stepLogger.info("charging");
          return 1;
        });
        ctx.logger.info("waiting");
        await ctx.wait({ seconds: 10 });
        ctx.logger.warn("resumed");
        return "ok";
      },
      { logger },
    );
    const result = await runnerFor(handler).run();
    expect(result.getInvocations()).toHaveLength(2);
    expect(lines.map((l) => `${l.level}:${l.args[0]}`)).toEqual(["info:starting", "info:charging", "info:waiting", "warn:resumed"]);
    expect(lines[0]?.args).toEqual(["starting", { orderId: 7 }]); // custom loggers receive the arguments unchanged
  });

  it("exposes the durable fields of the current call through getDurableLogData", async () => {
    const { lines, logger } = recordingLogger();
    const runner = runnerFor(
      durable(
        async (_e, ctx) => {
          await ctx.step("charge", async ({ logger: stepLogger }) => stepLogger.info("in step"));
          ctx.logger.info("after");
        },
        { logger },
      ),
    );
    const result = await runner.run();
    expect(lines).toHaveLength(2);
    const [inStep, after] = lines as [(typeof lines)[number], (typeof lines)[number]];
    expect(inStep.data).toMatchObject({ operationName: "charge", operationId: result.getOperation("charge").getId(), attempt: 1 });
    expect(inStep.data?.executionArn).toContain("/durable-execution/");
    expect(after.data?.operationId).toBeUndefined();
    expect(after.data?.requestId).toBe(result.getInvocations()[0]!.requestId);
  });

  it("inside a child context (and a map item) getDurableLogData carries the id and name of the operation that opened it", async () => {
    const { lines, logger } = recordingLogger();
    const result = await runnerFor(
      durable(
        async (_e, ctx) => {
          await ctx.runInChildContext("outer", async (c) => {
            c.logger.info("in child");
            await c.runInChildContext("inner", async (g) => g.logger.info("in grandchild"));
          });
          await ctx.map("m", [1], async (c) => c.logger.info("in item"));
          ctx.logger.info("at root");
        },
        { logger },
      ),
    ).run();
    const data = Object.fromEntries(lines.map((l) => [l.args[0], l.data]));
    expect(data["in child"]).toMatchObject({ operationId: result.getOperation("outer").getId(), operationName: "outer" });
    expect(data["in grandchild"]).toMatchObject({ operationId: result.getOperation("inner").getId(), operationName: "inner" });
    expect(data["in item"]).toMatchObject({ operationId: result.getOperation("map-item-0").getId(), operationName: "map-item-0" });
    expect(data["at root"]?.operationId).toBeUndefined();
  });

  it("modeAwareLogging: false logs during replay too", async () => {
    const { lines, logger } = recordingLogger();
    await runnerFor(
      durable(
        async (_e, ctx) => {
          ctx.logger.info("every time");
          await ctx.wait({ seconds: 1 });
        },
        { logger, modeAwareLogging: false },
      ),
    ).run();
    expect(lines.map((l) => l.args[0])).toEqual(["every time", "every time"]);
  });

  it("the default JSON logger writes one line per call with level, durable fields and error details", async () => {
    const written: string[] = [];
    const logger = createJsonLogger({ write: (line) => written.push(line) });
    await runnerFor(
      durable(
        async (_e, ctx) => {
          await ctx.step("s", async ({ logger: l }) => l.error("failed once", new TypeError("boom")));
        },
        { logger },
      ),
    ).run();
    expect(written).toHaveLength(1);
    const line = JSON.parse(written[0]!);
    expect(line).toMatchObject({ level: "ERROR", message: "failed once", operationName: "s", attempt: 1, errorType: "TypeError", errorMessage: "boom" });
    expect(typeof line.timestamp).toBe("string");
    expect(line.executionArn).toContain("durable-execution");
  });
});

describe("logging never fails an execution", () => {
  const circular: Record<string, unknown> = { name: "loop" };
  circular.self = circular;
  const caused = new Error("outer", { cause: new RangeError("inner") });
  const selfCaused = new Error("self");
  (selfCaused as { cause?: unknown }).cause = selfCaused;
  const throwingGetter = Object.defineProperty({}, "boom", {
    enumerable: true,
    get: () => {
      throw new Error("getter");
    },
  });

  it("the default JSON logger writes circular values, BigInt, errors with causes and throwing getters without throwing", () => {
    const written: string[] = [];
    const logger = createJsonLogger({ write: (line) => written.push(line) });
    logger.info("circular", circular);
    logger.info("bigint", { amount: 10n ** 30n }, 5n);
    logger.error("caused", caused);
    logger.error("self caused", selfCaused);
    logger.warn("getter", throwingGetter);
    logger.info({ nested: [circular, { fn: () => 1, sym: Symbol("s") }] });
    const lines = written.map((line) => JSON.parse(line));
    expect(lines.map((l) => l.message)).toEqual(["circular", "bigint 5", "caused", "self caused", "getter", ""]);
    expect(lines[0].self).toBe("[Circular]");
    expect(lines[1].amount).toBe((10n ** 30n).toString());
    expect(lines[2]).toMatchObject({ errorType: "Error", errorMessage: "outer", cause: { errorType: "RangeError", errorMessage: "inner" } });
    expect(lines[3].cause).toBe("[Circular]");
    expect(lines[4].boom).toMatch(/^\[Unserializable: getter\]$/);
    expect(lines[5].nested[1]).toEqual({ fn: "[Function fn]", sym: "Symbol(s)" });
  });

  it("the default JSON logger writes exactly one parseable line for any arguments (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true, withSparseArray: true })), (params) => {
        const written: string[] = [];
        createJsonLogger({ write: (line) => written.push(line) }).info(...params);
        expect(written).toHaveLength(1);
        expect(typeof JSON.parse(written[0]!).message).toBe("string");
      }),
    );
  });

  it("the default JSON logger cuts a huge line instead of writing megabytes", () => {
    const written: string[] = [];
    createJsonLogger({ write: (line) => written.push(line) }).info("x".repeat(5_000_000), { blob: "y".repeat(1_000_000) });
    const line = JSON.parse(written[0]!);
    expect(written[0]?.length).toBeLessThanOrEqual(MAX_LOG_LINE_LENGTH);
    expect(line).toMatchObject({ truncated: true, level: "INFO" });
    expect(line.originalLength).toBeGreaterThan(6_000_000);
  });

  it("an execution that logs circular and BigInt values through the default logger, and whose custom logger throws, succeeds", async () => {
    const written: string[] = [];
    const jsonLogger = createJsonLogger({ write: (line) => written.push(line) });
    const throwing = {
      debug() {
        throw new Error("sink down");
      },
      info() {
        throw new Error("sink down");
      },
      warn() {
        throw new Error("sink down");
      },
      error() {
        throw new Error("sink down");
      },
    };
    const result = await runnerFor(
      durable(
        async (_e, ctx) => {
          ctx.logger.info("circular", circular, 1n);
          await ctx.step("s", async ({ logger }) => logger.error("caused", caused));
          ctx.configureLogger({ customLogger: throwing });
          ctx.logger.info("thrown away");
          await ctx.step("t", async ({ logger }) => logger.warn("thrown away too"));
          return "done";
        },
        { logger: jsonLogger },
      ),
    ).run();
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toBe("done");
    expect(written.map((l) => JSON.parse(l).message)).toEqual(["circular 1", "caused"]);
  });
});
