import { GetDurableExecutionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { LocalDurableTestRunner } from "../src/index.js";
import { startLocalServer } from "../src/server/index.js";
import { localClient } from "./server-support.js";

/** A handler someone forgot to wrap in durableExecution(...). */
const plain = async (event: { n?: number }) => ({ doubled: (event?.n ?? 0) * 2 });

describe("a handler without durableExecution(...)", () => {
  it("fails in the runner on its first invocation, with an error saying to wrap it", async () => {
    const result = await new LocalDurableTestRunner({ handlerFunction: plain }).run({ payload: { n: 2 } });
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError().errorType).toBe("HandlerNotDurable");
    // The handler got the durable invocation event, not the payload: hence 0.
    expect(result.getError().errorMessage).toContain('answered {"doubled":0}');
    expect(result.getError().errorMessage).toContain("Wrap it with durableExecution(...)");
    expect(result.getInvocations()).toHaveLength(1);
  });

  it("fails on the local server on its first invocation, with the same error", async () => {
    const server = await startLocalServer({ port: 0, skipTime: true, functions: { plain: plain as never } });
    const client = localClient(server.url);
    try {
      const out = await client.send(new InvokeCommand({ FunctionName: "plain", Payload: JSON.stringify({ n: 1 }) }));
      expect(out.FunctionError).toBe("Unhandled");
      const execution = await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: out.DurableExecutionArn }));
      expect(execution.Status).toBe("FAILED");
      expect(execution.Error?.ErrorType).toBe("HandlerNotDurable");
      expect(server.backend.getInvocations(out.DurableExecutionArn!)).toHaveLength(1);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
