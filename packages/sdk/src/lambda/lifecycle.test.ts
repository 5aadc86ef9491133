import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { EventValidationError } from "./handler-error.js";
import { lambdaHandler, type HandlerMetrics } from "./lifecycle.js";
import { context } from "./router/test-events.js";
import type { InvocationMetricsSink } from "../context/lambda-context.js";

afterEach(() => vi.unstubAllEnvs());

describe("lambdaHandler lifecycle", () => {
  it("awaits onColdStart once, before the first event, even when the first events overlap", async () => {
    const order: string[] = [];
    let release!: () => void;
    const handler = lambdaHandler({
      onColdStart: async () => {
        order.push("cold-start");
        await new Promise<void>((resolve) => (release = resolve));
        order.push("cold-start done");
      },
      handle: async (event: { n: number }) => (order.push(`handle ${event.n}`), event.n),
      metrics: false,
    });
    const first = handler({ n: 1 }, context);
    const second = handler({ n: 2 }, context);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(["cold-start"]);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    await handler({ n: 3 }, context);
    expect(order).toEqual(["cold-start", "cold-start done", "handle 1", "handle 2", "handle 3"]);
  });

  it("fails the invocation when onColdStart throws and runs it again next time", async () => {
    let attempts = 0;
    const handler = lambdaHandler({
      onColdStart: () => {
        if (++attempts === 1) throw new Error("db down");
      },
      handle: () => "ok",
      metrics: false,
    });
    await expect(handler({}, context)).rejects.toThrow("db down");
    expect(await handler({}, context)).toBe("ok");
    expect(attempts).toBe(2);
  });

  it("validates the event with a Standard Schema and hands the handler its output", async () => {
    const handler = lambdaHandler({
      validate: z.object({ orderId: z.string(), qty: z.coerce.number() }),
      handle: (event) => ({ id: event.orderId, double: event.qty * 2 }),
      metrics: false,
    });
    expect(await handler({ orderId: "a", qty: "2" }, context)).toEqual({ id: "a", double: 4 });
  });

  it("rejects a bad event with an EventValidationError naming the field", async () => {
    const handler = lambdaHandler({ validate: z.object({ order: z.object({ id: z.string() }) }), handle: () => "never", metrics: false });
    const error = await handler({ order: { id: 7 } }, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventValidationError);
    expect(error).toMatchObject({ code: "INVALID_EVENT", field: "order.id" });
    expect((error as Error).message).toMatch(/^Invalid event: order\.id: /);
  });

  it("rejects bad options with a TypeError naming them", () => {
    expect(() => lambdaHandler({} as never)).toThrow(/handle must be a function, received undefined/);
    expect(() => lambdaHandler({ handle: () => 1, validate: {} } as never)).toThrow(/validate must be a Standard Schema/);
    expect(() => lambdaHandler({ handle: () => 1, onColdStart: "x" } as never)).toThrow(/onColdStart must be a function, received string/);
  });
});

describe("lambdaHandler metrics", () => {
  it("gives one record per invocation with outcome and phases when the runtime loop is not ours", async () => {
    const seen: HandlerMetrics[] = [];
    const handler = lambdaHandler({
      validate: z.object({ fail: z.boolean() }),
      handle: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (event.fail) throw new Error("no");
        return "ok";
      },
      metrics: (m) => seen.push(m),
    });
    await handler({ fail: false }, context);
    await handler({ fail: true }, context).catch(() => undefined);
    await handler({ fail: "x" }, context).catch(() => undefined);
    expect(seen.map((m) => [m.outcome, m.cold_start])).toEqual([
      ["SUCCEEDED", true],
      ["FAILED", false],
      ["FAILED", false],
    ]);
    expect(seen[0]).toMatchObject({ request_id: "req-1" });
    expect(seen[0]!.handler_ms).toBeGreaterThanOrEqual(15);
    expect(seen[0]!.total_ms).toBeGreaterThanOrEqual(seen[0]!.handler_ms + seen[0]!.validate_ms);
    expect(seen[2]!.handler_ms).toBe(0);
  });

  it("writes the record as an invocation.metrics JSON line by default", async () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
    try {
      await lambdaHandler({ handle: () => 1 })({}, context);
    } finally {
      write.mockRestore();
    }
    // Only this invocation's lines: in the quick run another file's runtime loop may still be writing.
    const own = lines.filter((l) => l.includes('"req-1"'));
    expect(own).toHaveLength(1);
    const line = JSON.parse(own[0]!);
    expect(line).toMatchObject({ level: "INFO", message: "invocation.metrics", request_id: "req-1", outcome: "SUCCEEDED" });
  });

  it("hands its phases to the runtime loop's sink instead of writing its own line", async () => {
    const sink: InvocationMetricsSink & { reported?: unknown } = { report: () => undefined, silence: () => undefined };
    const received: HandlerMetrics[] = [];
    await lambdaHandler({ handle: () => 1, metrics: (m) => received.push(m) })({}, { ...context, invocationMetrics: sink });
    expect(received).toEqual([]);
    expect(sink.validateMs).toBeTypeOf("number");
    expect(sink.handlerMs).toBeTypeOf("number");
  });

  it("is off with metrics: false or DURABLE_TS_METRICS=0, and silences the loop's line too", async () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
    let silenced = 0;
    const sink: InvocationMetricsSink = { report: () => undefined, silence: () => void silenced++ };
    try {
      await lambdaHandler({ handle: () => 1, metrics: false })({}, context);
      vi.stubEnv("DURABLE_TS_METRICS", "0");
      await lambdaHandler({ handle: () => 1 })({}, { ...context, invocationMetrics: sink });
    } finally {
      write.mockRestore();
    }
    expect(lines).toEqual([]);
    expect(silenced).toBe(1);
  });
});
