import { InvokeCommand } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { main, runDurableArgs, type CliIO } from "../src/cli/index.js";
import { startLocalServer } from "../src/server/index.js";
import { FIXTURES, localClient, quiet } from "./server-support.js";

/** Runs the CLI in-process; resolves with the exit code and what it printed. */
async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIO = {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += `${text}\n`),
    env: { ...env },
    cwd: FIXTURES,
    untilStopped: () => new Promise(() => undefined),
  };
  const code = await main(argv, io);
  return { code, out, err };
}

describe("durable-ts run", () => {
  it("runs a TypeScript handler file, answering callbacks, and prints the operations table and the result", async () => {
    const { code, out, err } = await cli(["run", "run-workflow.ts", "--input", '{"item":"desk"}', "--callback", 'approval={"ok":true}']);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/^id\s+name\s+type\s+status\s+att\s+duration/);
    expect(out).toMatch(/reserve\s+Step\s+SUCCEEDED\s+1/);
    expect(out).toMatch(/overnight\s+Wait\s+SUCCEEDED\s+12h 0m/);
    expect(out).toMatch(/approval\s+WaitForCallback\s+SUCCEEDED/);
    expect(out).toContain("Status: SUCCEEDED");
    expect(out).toContain('Result: {"reserved":"desk-reserved","approval":{"ok":true}}');
  });

  it("prints JSON with --json and history with --history; a failed execution exits 1", async () => {
    const json = await cli(["run", "run-workflow.ts", "--input", '{"item":"lamp"}', "--callback", "approval=fail", "--json", "--history"]);
    expect(json.code).toBe(1);
    const document = JSON.parse(json.out);
    expect(document.status).toBe("FAILED");
    expect(document.operations.map((op: { Name?: string }) => op.Name)).toContain("approval");
    expect(document.history.map((e: { EventType: string }) => e.EventType)).toContain("CallbackFailed");

    const failed = await cli(["run", "run-workflow.ts", "--export", "failing", "--history"]);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain("Status: FAILED");
    expect(failed.out).toMatch(/Error: \w+: out of stock/);
    expect(failed.out).toMatch(/StepFailed/);
  });

  it("explains a missing file, a file without a handler, bad JSON and bad usage", async () => {
    const missing = await cli(["run", "nowhere.ts"]);
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining("Handler file not found") });
    const noExport = await cli(["run", "run-workflow.ts", "--export", "notAHandler"]);
    expect(noExport.code).toBe(1);
    expect(noExport.err).toMatch(/has no handler: expected an export named "notAHandler".*exports found: .*handler/);
    const badInput = await cli(["run", "run-workflow.ts", "--input", "{item:"]);
    expect(badInput).toMatchObject({ code: 2, err: expect.stringContaining("--input is not valid JSON") });
    const badCallback = await cli(["run", "run-workflow.ts", "--callback", "approval={nope"]);
    expect(badCallback).toMatchObject({ code: 2, err: expect.stringContaining("--callback approval is not valid JSON") });
    expect((await cli(["run"])).code).toBe(2);
    expect((await cli(["run", "a.ts", "--bogus"])).err).toContain("Unknown option");
    expect((await cli(["frobnicate"])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
    expect((await cli(["--help"])).out).toMatch(/^\s+serve\s+Start the local durable functions server/m);
    expect(await cli(["callback", "succeed", "some-id", "{broken"])).toMatchObject({ code: 2, err: expect.stringContaining("The result is not valid JSON") });
    expect(await cli(["callback", "approve", "some-id"])).toMatchObject({ code: 2 });
    expect(await cli(["serve", "--function", "no-file"])).toMatchObject({ code: 2, err: expect.stringContaining("--function expects") });
    expect(await cli(["serve", "--port", "99999"])).toMatchObject({ code: 2, err: expect.stringContaining("--port") });
  });

  it("maps the run-durable compat syntax onto run", () => {
    expect(runDurableArgs(["flow.ts", "no-skip-time", "verbose", "show-history"])).toEqual(["run", "flow.ts", "--real-time", "--verbose", "--history"]);
    expect(runDurableArgs(["flow.ts"])).toEqual(["run", "flow.ts"]);
  });
});

describe("durable-ts history and callback against a server", () => {
  it("prints an execution's history, and reports service errors by name", async () => {
    const server = await startLocalServer({ port: 0, skipTime: true, functions: { hello: quiet(async (_e, ctx) => ctx.step("hi", async () => "hello")) } });
    const client = localClient(server.url);
    try {
      const out = await client.send(new InvokeCommand({ FunctionName: "hello", DurableExecutionName: "for-history" }));
      const history = await cli(["history", out.DurableExecutionArn!, "--endpoint", server.url]);
      expect(history.code).toBe(0);
      expect(history.out).toContain("Status: SUCCEEDED");
      expect(history.out).toMatch(/StepSucceeded\s+Step\s+hi/);
      const json = await cli(["history", out.DurableExecutionArn!, "--json"], { AWS_ENDPOINT_URL_LAMBDA: server.url });
      expect(JSON.parse(json.out).events.length).toBeGreaterThan(3);
      const unknown = await cli(["callback", "heartbeat", "nope", "--endpoint", server.url]);
      expect(unknown).toMatchObject({ code: 1, err: expect.stringContaining("ResourceNotFoundException") });
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
