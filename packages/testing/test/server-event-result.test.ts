/** Code that passes locally does not fail in the cloud: an Event invoke holds the result to 1 MiB on the local server too. */
import { GetDurableExecutionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer, type LocalServer } from "../src/server/index.js";
import { localClient, quiet } from "./server-support.js";

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ port: 0, skipTime: true, functions: { big: quiet(async () => "x".repeat(2 * 1024 * 1024)) } });
});
afterAll(async () => {
  await server.close();
});

describe("Event invoke result limit", () => {
  it("ends an Event-started execution with a 2 MiB result FAILED (ResponseSizeTooLarge); the same call RequestResponse succeeds", async () => {
    const client = localClient(server.url);
    try {
      const started = await client.send(new InvokeCommand({ FunctionName: "big", InvocationType: "Event", DurableExecutionName: "async-big" }));
      const arn = started.DurableExecutionArn!;
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20_000).unref();
      await new Promise<void>((resolve) => {
        const check = () => (!server.backend.isRunning(arn) || controller.signal.aborted ? resolve() : setTimeout(check, 20));
        check();
      });
      const ended = await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
      expect(ended.Status).toBe("FAILED");
      expect(ended.Error).toMatchObject({ ErrorType: "ResponseSizeTooLarge", ErrorMessage: expect.stringContaining("Event invoke") });

      const sync = await client.send(new InvokeCommand({ FunctionName: "big", DurableExecutionName: "sync-big" }));
      expect(sync.FunctionError).toBeUndefined();
      expect(Buffer.from(sync.Payload!).byteLength).toBe(2 * 1024 * 1024 + 2);
    } finally {
      client.destroy();
    }
  }, 30_000);
});
