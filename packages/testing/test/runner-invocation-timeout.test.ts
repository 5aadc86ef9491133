/** The local runner enforces `invocationTimeout` as Lambda enforces the function timeout. */
import { describe, expect, it } from "vitest";
import { durableExecution } from "@durable-ts/sdk";
import { LocalDurableTestRunner, type Invocation } from "@durable-ts/testing";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe("invocationTimeout", () => {
  it("fails an invocation that runs past it as Sandbox.Timedout, and the retry completes the execution", async () => {
    let invocations = 0;
    const handler = durableExecution(
      async (_e, ctx) => {
        invocations += 1;
        const first = await ctx.step("before", async () => "kept");
        if (invocations === 1) await new Promise(() => undefined); // the first invocation hangs
        return `${first} after ${invocations} invocations`;
      },
      { logger: silent },
    );
    const runner = new LocalDurableTestRunner({ handlerFunction: handler, invocationTimeout: { seconds: 3 } });

    const result = await runner.run({ timeoutMs: 20_000 });

    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toBe("kept after 2 invocations");
    const answered = result.getInvocations();
    expect(answered).toHaveLength(2);
    const [timedOut, retried] = answered as [Invocation, Invocation];
    expect(timedOut.error).toMatchObject({ errorType: "Sandbox.Timedout", errorMessage: "Task timed out after 3.00 seconds" });
    expect(retried.error).toBeUndefined();
    // The retry came after the service's retry delay, not at once.
    expect(retried.startTimestamp.getTime()).toBeGreaterThan(timedOut.endTimestamp!.getTime());
  }, 30_000);
});
