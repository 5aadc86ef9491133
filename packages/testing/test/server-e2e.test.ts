import { GetDurableExecutionCommand, GetDurableExecutionHistoryCommand, InvokeCommand, type Event } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { startLocalServer } from "../src/server/index.js";
import { localClient, quiet, startFunctionProcess, stopProcess } from "./server-support.js";

describe("a durable function in its own process, through the Runtime API and LambdaClient only", () => {
  it("runs every operation type end to end", async () => {
    const server = await startLocalServer({
      port: 0,
      skipTime: true,
      functions: {
        workflow: { external: true },
        helper: quiet(async (event: { x: number }, ctx) => ctx.step("add", async () => event.x + 100)),
      },
    });
    const fn = startFunctionProcess({ name: "workflow", fixture: "all-operations.ts", runtimeApi: server.runtimeApi("workflow"), endpoint: server.url });
    const client = localClient(server.url);
    try {
      const out = await client.send(new InvokeCommand({ FunctionName: "workflow", DurableExecutionName: "every-op", Payload: JSON.stringify({ n: 5 }) }));
      expect(out.FunctionError, fn.output()).toBeUndefined();
      const result = JSON.parse(Buffer.from(out.Payload!).toString());
      expect(result).toMatchObject({
        doubled: 10,
        child: 11,
        approved: "yes",
        answer: "pong",
        polled: 2,
        invoked: 110,
        squares: [1, 4, 9],
        sides: ["L", "R"],
      });
      expect(result.pid).not.toBe(process.pid);

      const events: Event[] = (await client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: out.DurableExecutionArn, MaxItems: 1000 }))).Events!;
      const kinds = new Set(events.map((e) => `${e.EventType?.replace(/(Started|Succeeded|Failed)$/, "")}/${e.SubType ?? ""}`));
      for (const kind of [
        "Step/Step",
        "Wait/Wait",
        "Context/RunInChildContext",
        "Callback/Callback",
        "Context/WaitForCallback",
        "Step/WaitForCondition",
        "ChainedInvoke/ChainedInvoke",
        "Context/Map",
        "Context/MapIteration",
        "Context/Parallel",
        "Context/ParallelBranch",
      ]) {
        expect(kinds, kind).toContain(kind);
      }
      // It suspended (wait, condition retry, chained invoke) and was invoked again each time.
      const invocations = events.filter((e) => e.EventType === "InvocationCompleted");
      expect(invocations.length).toBeGreaterThanOrEqual(4);
      expect(invocations.every((e) => e.InvocationCompletedDetails?.Error === undefined)).toBe(true);
      const execution = await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: out.DurableExecutionArn }));
      expect(execution.Status).toBe("SUCCEEDED");
    } finally {
      client.destroy();
      await stopProcess(fn.child);
      await server.close();
    }
  });

  it("reports a handler that cannot load as an init error: the execution fails with it", async () => {
    const server = await startLocalServer({ port: 0, skipTime: true, functions: { broken: { external: true } } });
    const fn = startFunctionProcess({
      name: "broken",
      fixture: "all-operations.ts",
      exportName: "notAFunction",
      runtimeApi: server.runtimeApi("broken"),
      endpoint: server.url,
    });
    const client = localClient(server.url);
    try {
      const exit = new Promise<number | null>((resolve) => fn.child.once("exit", (code) => resolve(code)));
      expect(await exit).toBe(1);
      const out = await client.send(new InvokeCommand({ FunctionName: "broken", Payload: "{}" }));
      expect(out.FunctionError).toBe("Unhandled");
      expect(JSON.parse(Buffer.from(out.Payload!).toString())).toMatchObject({
        errorType: "Runtime.HandlerNotFound",
        errorMessage: expect.stringContaining('an export named "notAFunction"'),
      });
    } finally {
      client.destroy();
      await stopProcess(fn.child);
      await server.close();
    }
  });
});
