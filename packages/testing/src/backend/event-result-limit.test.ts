/** The result of an execution started by an Event invoke is held to the service's lower limit (protocol §8). */
import { describe, expect, it } from "vitest";
import { InMemoryBackend } from "./in-memory-backend.js";
import { T0, invalidParam, u } from "./test-support.js";

const TWO_MIB = JSON.stringify("x".repeat(2 * 1024 * 1024));

function open(invocationType: "RequestResponse" | "Event" | undefined) {
  const backend = new InMemoryBackend({ startTime: T0 });
  const { executionArn: arn } = backend.startExecution({ input: "{}", invocationType });
  const { requestId, event } = backend.beginInvocation(arn);
  return { backend, arn, requestId, token: event.CheckpointToken, executionId: arn.split("/").pop()! };
}

describe("result limit of an Event-started execution", () => {
  it("refuses an EXECUTION SUCCEED payload over 1 MiB, naming the Event limit; a RequestResponse execution takes it", async () => {
    const event = open("Event");
    await expect(
      event.backend.checkpointDurableExecution({
        DurableExecutionArn: event.arn,
        CheckpointToken: event.token,
        Updates: [u("EXECUTION", "SUCCEED", event.executionId, { Payload: TWO_MIB })],
      }),
    ).rejects.toMatchObject(invalidParam(`over the limit of 1048576 bytes`));

    const sync = open(undefined);
    await sync.backend.checkpointDurableExecution({
      DurableExecutionArn: sync.arn,
      CheckpointToken: sync.token,
      Updates: [u("EXECUTION", "SUCCEED", sync.executionId, { Payload: TWO_MIB })],
    });
    expect((await sync.backend.getDurableExecution({ DurableExecutionArn: sync.arn })).Status).toBe("SUCCEEDED");
  });

  it("fails an invocation answering SUCCEEDED with a 2 MiB Result as ResponseSizeTooLarge, and the execution goes on", async () => {
    const event = open("Event");
    event.backend.endInvocation(event.arn, event.requestId, { Status: "SUCCEEDED", Result: TWO_MIB });
    expect(event.backend.isRunning(event.arn)).toBe(true);
    expect(event.backend.getInvocations(event.arn)[0]).toMatchObject({
      status: "THROWN",
      error: { ErrorType: "ResponseSizeTooLarge", ErrorMessage: expect.stringContaining("(1048576 bytes) for the result of an execution started by an Event invoke") },
    });

    const sync = open("RequestResponse");
    sync.backend.endInvocation(sync.arn, sync.requestId, { Status: "SUCCEEDED", Result: TWO_MIB });
    expect((await sync.backend.getDurableExecution({ DurableExecutionArn: sync.arn })).Result).toBe(TWO_MIB);
  });

  it("takes the lower limit from limits.maxEventResultBytes", async () => {
    const backend = new InMemoryBackend({ startTime: T0, limits: { maxEventResultBytes: 10 } });
    const { executionArn } = backend.startExecution({ invocationType: "Event" });
    const { requestId } = backend.beginInvocation(executionArn);
    backend.endInvocation(executionArn, requestId, { Status: "SUCCEEDED", Result: '"eleven ch"' });
    expect(backend.getInvocations(executionArn)[0]!.status).toBe("THROWN");
  });

  it("rejects an invocation type the service does not know", () => {
    const backend = new InMemoryBackend({ startTime: T0 });
    expect(() => backend.startExecution({ invocationType: "DryRun" as never })).toThrow(/InvocationType must be RequestResponse or Event, received "DryRun"/);
  });
});
