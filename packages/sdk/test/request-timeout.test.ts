import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DurableExecutionClientError } from "@durable-ts/sdk";
import { createLambdaContext } from "@durable-ts/testing";
import { durable } from "./support.js";

// A real HTTP server on loopback that reads each request and never answers: the default Lambda
// client (the one a deployed function uses) is pointed at it through the standard endpoint variable.
let server: Server;
const requests: string[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  server = createServer((request: IncomingMessage) => {
    requests.push(`${request.method} ${decodeURIComponent(request.url ?? "")}`);
    request.resume(); // read the body, then stay silent
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "secret",
    AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
});

afterAll(async () => {
  process.env = saved;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST/durable-execution/hang/exec-1";
const event = {
  DurableExecutionArn: ARN,
  CheckpointToken: "tok-0",
  InitialExecutionState: { Operations: [{ Id: "exec-1", Type: "EXECUTION", Status: "STARTED", StartTimestamp: 0, ExecutionDetails: { InputPayload: "{}" } }] },
};

async function timeToGiveUp(limits: object, remainingMs: number): Promise<{ error: unknown; ms: number }> {
  const handler = durable(async (_e, ctx) => ctx.step("charge", async () => "ok"), { limits });
  const started = performance.now();
  const error = await handler(event as never, createLambdaContext("fn", remainingMs)).then(
    (answer) => ({ answered: answer }),
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - started };
}

describe("the default Lambda client against a checkpoint request that never answers", () => {
  it("gives up after its request timeout (every attempt) and throws a transient error, so Lambda retries the invocation", async () => {
    requests.length = 0;
    const { error, ms } = await timeToGiveUp({ requestTimeoutMs: 300, connectionTimeoutMs: 300 }, 60_000);
    expect(error).toBeInstanceOf(DurableExecutionClientError);
    expect((error as DurableExecutionClientError).scope).toBe("INVOCATION");
    expect((error as Error).message).toMatch(/^CheckpointDurableExecution failed/);
    expect(requests.length).toBeGreaterThanOrEqual(1);
    expect(requests[0]).toBe(`POST /2025-12-01/durable-executions/${ARN}/checkpoint`);
    expect(ms).toBeLessThan(10_000); // far below the 60 s the invocation had left
  });

  it("aborts the call once the invocation is within its deadline margin, even when the request timeout is longer", async () => {
    requests.length = 0;
    const { error, ms } = await timeToGiveUp({ requestTimeoutMs: 60_000, deadlineMarginMs: 2_000 }, 3_000);
    expect(error).toBeInstanceOf(DurableExecutionClientError);
    expect((error as DurableExecutionClientError).scope).toBe("INVOCATION");
    expect(requests.length).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(2_900); // before the Lambda would have killed it (3 s)
  });
});
