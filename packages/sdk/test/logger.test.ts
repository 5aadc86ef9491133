import { describe, expect, it } from "vitest";
import { createJsonLogger, type DurableLogData } from "@durable-ts/sdk";
import { durable, runnerFor } from "./support.js";

/** A Powertools-shaped logger: four level methods plus the optional durable-context hook. */
function recordingLogger() {
  const lines: { level: string; args: unknown[]; data?: DurableLogData }[] = [];
  let source: (() => DurableLogData) | undefined;
  const at = (level: string) => (...args: unknown[]) => lines.push({ level, args, data: source?.() });
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
    expect(lines[0].args).toEqual(["starting", { orderId: 7 }]); // custom loggers receive the arguments unchanged
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
    const [inStep, after] = lines;
    expect(inStep.data).toMatchObject({ operationName: "charge", operationId: result.getOperation("charge").getId(), attempt: 1 });
    expect(inStep.data?.executionArn).toContain("/durable-execution/");
    expect(after.data?.operationId).toBeUndefined();
    expect(after.data?.requestId).toBe(result.getInvocations()[0].requestId);
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
    const line = JSON.parse(written[0]);
    expect(line).toMatchObject({ level: "ERROR", message: "failed once", operationName: "s", attempt: 1, errorType: "TypeError", errorMessage: "boom" });
    expect(typeof line.timestamp).toBe("string");
    expect(line.executionArn).toContain("durable-execution");
  });
});
