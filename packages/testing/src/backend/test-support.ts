/** Shared set-up for the backend's tests (not exported from the package). */
import type { CallbackOptions, CheckpointDurableExecutionCommandOutput, OperationUpdate } from "@aws-sdk/client-lambda";
import { expect } from "vitest";
import { InMemoryBackend, type InMemoryBackendOptions } from "./in-memory-backend.js";

export const T0 = new Date("2026-01-01T00:00:00.000Z");

/** A backend with one execution and one open invocation, and a checkpoint helper that follows the token chain. */
export function openInvocation(o: InMemoryBackendOptions & { input?: string } = {}) {
  const backend = new InMemoryBackend({ startTime: T0, ...o });
  const { executionArn: arn } = backend.startExecution({ input: o.input ?? '{"orderId":42}' });
  const { requestId, event } = backend.beginInvocation(arn);
  let token: string | undefined = event.CheckpointToken;
  const executionId = arn.split("/").pop()!;
  const checkpoint = async (updates: OperationUpdate[], clientToken?: string): Promise<CheckpointDurableExecutionCommandOutput> => {
    const response = await backend.checkpointDurableExecution({
      DurableExecutionArn: arn,
      CheckpointToken: token,
      Updates: updates,
      ClientToken: clientToken,
    });
    if (response.CheckpointToken) token = response.CheckpointToken;
    return response;
  };
  return { backend, arn, requestId, event, checkpoint, executionId, token: () => token! };
}

/** Builds an update: `u("STEP", "START", "s1", { Name: "x" })`. */
export function u(
  Type: NonNullable<OperationUpdate["Type"]>,
  Action: NonNullable<OperationUpdate["Action"]>,
  Id: string,
  extra: Partial<OperationUpdate> = {},
): OperationUpdate {
  return { Id, Type, Action, ...extra };
}

/** Matches an InvalidParameterValueException whose message contains `text` (or matches it). */
export function invalidParam(text: string | RegExp) {
  return {
    name: "InvalidParameterValueException",
    message: text instanceof RegExp ? expect.stringMatching(text) : expect.stringContaining(text),
    $metadata: { httpStatusCode: 400 },
  };
}

/** STARTs CALLBACK `id` in the open invocation and returns the CallbackId from the response delta. */
export async function startCallback(env: ReturnType<typeof openInvocation>, id = "cb", options?: CallbackOptions): Promise<string> {
  const response = await env.checkpoint([u("CALLBACK", "START", id, options ? { CallbackOptions: options } : {})]);
  const op = response.NewExecutionState!.Operations!.find((o) => o.Id === id)!;
  expect(op).toMatchObject({ Type: "CALLBACK", Status: "STARTED" });
  return op.CallbackDetails!.CallbackId!;
}
