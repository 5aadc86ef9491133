import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { durableExecution, type DurablePlugin, type InvocationMetrics } from "@durable-ts/sdk";
import { LocalDurableTestRunner } from "@durable-ts/testing";
import { durable, runnerFor, silentLogger } from "./support.js";

describe("validated input (Standard Schema)", () => {
  const Order = z.object({ orderId: z.string().min(1), quantity: z.number().int().positive() });

  it("passes the schema's output to the handler, with the event type inferred from the schema", async () => {
    const handler = durableExecution(async (event, ctx) => ctx.step(async () => `${event.orderId} x${event.quantity}`), {
      validate: Order,
      logger: silentLogger,
    });
    const result = await runnerFor(handler).run({ payload: { orderId: "A1", quantity: 2 } });
    expect(result.getResult()).toBe("A1 x2");
  });

  it("invalid input ends FAILED with InvalidInputError listing the issues, before any operation runs", async () => {
    let ran = false;
    const handler = durableExecution(async (_event, ctx) => ctx.step(async () => (ran = true)), { validate: Order, logger: silentLogger });
    const result = await runnerFor(handler).run({ payload: { orderId: "", quantity: 1.5 } });
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError().errorType).toBe("InvalidInputError");
    expect(result.getError().errorMessage).toMatch(/orderId: .*; quantity: /);
    expect(result.getOperations()).toHaveLength(0);
    expect(ran).toBe(false);
  });
});

describe("invocation metrics", () => {
  it("reports one invocation.metrics record per invocation with replay, execution and checkpoint figures", async () => {
    const records: InvocationMetrics[] = [];
    const runner = runnerFor(
      durable(
        async (_e, ctx) => {
          await ctx.step("a", async () => 1);
          await ctx.wait({ seconds: 5 });
          await ctx.step("b", async () => 2);
        },
        { metrics: (m) => records.push(m) },
      ),
    );
    const result = await runner.run();
    expect(records).toHaveLength(2);
    const [first, second] = records as [InvocationMetrics, InvocationMetrics]; // length asserted above
    expect(first).toMatchObject({ outcome: "PENDING", suspendReason: "WAIT", coldStart: true, ops: { loaded: 1, replayed: 0, executed: 2 } });
    expect(first.checkpoint.calls).toBe(1);
    expect(first.checkpoint.updates).toBe(3); // a START+SUCCEED and the wait's START, batched
    expect(first.checkpoint.bytesSent).toBeGreaterThan(0);
    expect(second).toMatchObject({ outcome: "SUCCEEDED", coldStart: false, ops: { replayed: 2, executed: 1 } });
    expect(second.requestId).toBe(result.getInvocations()[1]!.requestId);
    for (const key of ["init", "loadState", "replay", "execute", "checkpointWait", "total"] as const) expect(second.ms[key]).toBeGreaterThanOrEqual(0);
  });

  it("logs it as one INFO line named invocation.metrics when enabled, and not under a test runner by default", async () => {
    const lines: unknown[][] = [];
    const logger = { ...silentLogger, info: (...args: unknown[]) => lines.push(args) };
    await runnerFor(durable(async (_e, ctx) => ctx.step(async () => 1), { logger })).run();
    expect(lines).toHaveLength(0);
    await runnerFor(durable(async (_e, ctx) => ctx.step(async () => 1), { logger, metrics: true })).run();
    expect(lines).toHaveLength(1);
    expect(lines[0]?.[0]).toBe("invocation.metrics");
    expect(lines[0]?.[1]).toMatchObject({ outcome: "SUCCEEDED", ops: { executed: 1 }, checkpoint: { calls: 1 } });
  });

  it("reads DURABLE_TS_METRICS once, when the handler is built; an explicit metrics option wins over it", async () => {
    const lines: unknown[][] = [];
    const logger = { ...silentLogger, info: (...args: unknown[]) => lines.push(args) };
    try {
      vi.stubEnv("DURABLE_TS_METRICS", "1");
      const builtWithOn = durable(async (_e, ctx) => ctx.step(async () => 1), { logger });
      const explicitOff = durable(async (_e, ctx) => ctx.step(async () => 1), { logger, metrics: false });
      vi.stubEnv("DURABLE_TS_METRICS", "0");
      await runnerFor(builtWithOn).run();
      expect(lines.map((line) => line[0])).toEqual(["invocation.metrics"]);
      await runnerFor(explicitOff).run();
      expect(lines).toHaveLength(1);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("plugins and lifecycle hooks", () => {
  it("calls plugin hooks for the invocation, each operation start/replay/end and each attempt; a throwing hook changes nothing", async () => {
    const events: string[] = [];
    const plugin: DurablePlugin = {
      name: "recorder",
      onInvocationStart: ({ coldStart }) => void events.push(`invocation:start:${coldStart}`),
      onInvocationEnd: ({ outcome }) => void events.push(`invocation:end:${outcome}`),
      onOperationStart: ({ type, name }) => void events.push(`start:${type}:${name ?? ""}`),
      onOperationReplay: ({ type, name }) => void events.push(`replay:${type}:${name ?? ""}`),
      onOperationEnd: ({ name, outcome }) => void events.push(`end:${name ?? ""}:${outcome}`),
      onOperationAttemptStart: ({ attempt }) => void events.push(`attempt:${attempt}`),
      onOperationAttemptEnd: ({ outcome }) => void events.push(`attempt:${outcome}`),
    };
    const broken: DurablePlugin = {
      name: "broken",
      onOperationStart: () => {
        throw new Error("plugin bug");
      },
    };
    const warnings: unknown[] = [];
    const result = await runnerFor(
      durable(
        async (_e, ctx) => {
          await ctx.step("s", async () => 1);
          await ctx.wait("w", { seconds: 1 });
          return "done";
        },
        { plugins: [plugin, broken], logger: { ...silentLogger, warn: (...a: unknown[]) => warnings.push(a) } },
      ),
    ).run();
    expect(result.getResult()).toBe("done");
    expect(events).toEqual([
      "invocation:start:true",
      "start:STEP:s",
      "attempt:1",
      "attempt:SUCCEEDED",
      "end:s:SUCCEEDED",
      "start:WAIT:w",
      "invocation:end:PENDING",
      "invocation:start:false",
      "replay:STEP:s",
      "end:s:SUCCEEDED",
      "replay:WAIT:w",
      "end:w:SUCCEEDED",
      "invocation:end:SUCCEEDED",
    ]);
    expect(warnings).toHaveLength(1);
  });

  it("awaits onColdStart once per container; a failing hook makes the invocation throw and runs again next time", async () => {
    let calls = 0;
    const handler = durableExecution(async () => "ok", {
      logger: silentLogger,
      onColdStart: async () => {
        calls++;
        if (calls === 1) throw new Error("config not reachable");
      },
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const first = await runner.run();
    expect(first.getResult()).toBe("ok");
    expect(first.getInvocations().map((i) => i.status)).toEqual(["THROWN", "SUCCEEDED"]);
    await runner.run();
    expect(calls).toBe(2);
  });
});
