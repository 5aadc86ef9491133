import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetDurableExecutionCommand, GetDurableExecutionHistoryCommand, InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { CLI_MAIN, FIXTURES, REPO_ROOT, RUNTIME_MODULE, TSX, childEnv, localClient, stopProcess } from "./server-support.js";

/** Runs `durable-ts <args>` as its own process (from source through tsx). */
function durableTs(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [...TSX, CLI_MAIN, ...args], { cwd: REPO_ROOT, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, out: () => out, err: () => err };
}

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function callbackIdOf(client: LambdaClient, arn: string): Promise<string | undefined> {
  const history = await client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, MaxItems: 1000 }));
  return history.Events?.find((e) => e.EventType === "CallbackStarted")?.CallbackStartedDetails?.CallbackId;
}

/** The environment of a user's shell: no warning switches (neither Node's nor the AWS SDK's). */
function plainEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = { ...childEnv(extra) } as Record<string, string>;
  delete env.NODE_NO_WARNINGS;
  delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  delete env.AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING;
  return env;
}

function spawnPlain(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [...TSX, CLI_MAIN, ...args], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, out: () => out, err: () => err };
}

describe("durable-ts output streams", () => {
  it("run prints the handler's log lines on stderr and only the table and outcome on stdout", async () => {
    const run = spawnPlain(["run", `${FIXTURES}cli-extras.ts`, "--export", "logs"], plainEnv());
    expect(await run.exited, run.err()).toBe(0);
    expect(run.out()).toMatch(/^id\s+name\s+type\s+status/);
    expect(run.out()).toContain("Status: SUCCEEDED");
    expect(run.out()).not.toContain("hello from the handler");
    expect(run.out()).not.toContain("a console line");
    expect(run.err()).toContain("hello from the handler");
    expect(run.err()).toContain("a console line");
    expect(run.err()).not.toContain("NodeVersionSupportWarning");
  }, 60_000);
});

describe("the durable-ts processes", () => {
  it("serve runs a TypeScript function in its own process, and `durable-ts callback succeed` completes its callback", async () => {
    // A user's environment: no warning switches, so the AWS SDK notice would show if the CLI let it.
    const serve = spawnPlain(
      ["serve", "--port", "0", "--function", `approvals=${FIXTURES}callback-workflow.ts#handler`],
      plainEnv({ DURABLE_TS_RUNTIME_MODULE: RUNTIME_MODULE }),
    );
    let client: LambdaClient | undefined;
    try {
      const url = await waitFor(() => /listening on (http:\/\/\S+)/.exec(serve.out())?.[1], `serve to listen (${serve.err()})`);
      expect(serve.out()).toContain("function approvals:");
      expect(serve.out()).toContain(`console: ${url}/`);
      expect((await fetch(`${url}/`)).headers.get("content-type")).toContain("text/html");
      client = localClient(url);
      const started = await client.send(new InvokeCommand({ FunctionName: "approvals", InvocationType: "Event", DurableExecutionName: "cli-approval" }));
      const callbackId = await waitFor(() => callbackIdOf(client!, started.DurableExecutionArn!), "the callback to start");

      const cli = spawnPlain(["callback", "succeed", callbackId, '{"approved":true}', "--endpoint", url], plainEnv());
      expect(await cli.exited, cli.err()).toBe(0);
      expect(cli.out()).toContain(`Callback ${callbackId} succeeded`);

      const done = await client.send(new InvokeCommand({ FunctionName: "approvals", DurableExecutionName: "cli-approval" }));
      expect(done.FunctionError).toBeUndefined();
      expect(JSON.parse(Buffer.from(done.Payload!).toString())).toEqual({ approval: '{"approved":true}' });

      const again = durableTs(["callback", "fail", callbackId, '{"ErrorType":"Late"}', "--endpoint", url]);
      expect(await again.exited).toBe(1);
      expect(again.err()).toContain("CallbackTimeoutException");
      // Neither the CLI nor serve and its function process printed the AWS SDK's Node-version notice.
      for (const output of [cli.out(), cli.err(), serve.out(), serve.err()]) expect(output).not.toContain("NodeVersionSupportWarning");
    } finally {
      client?.destroy();
      serve.child.kill("SIGTERM");
      expect(await serve.exited, `${serve.out()}\n${serve.err()}`).toBe(0);
      await stopProcess(serve.child);
    }
  }, 90_000);

  /** Starts serve with the unreliable fixture, runs one execution in `mode`, and returns its end and its failed invocations' errors. */
  async function unreliableRun(mode: "exit" | "hang", serveArgs: string[]) {
    const dir = mkdtempSync(join(tmpdir(), "durable-ts-serve-"));
    const marker = join(dir, "marker");
    const serve = durableTs(["serve", "--port", "0", "--skip-time", "--function", `flaky=${FIXTURES}unreliable-process.ts#handler`, ...serveArgs], {
      DURABLE_TS_RUNTIME_MODULE: RUNTIME_MODULE,
    });
    let client: LambdaClient | undefined;
    try {
      const url = await waitFor(() => /listening on (http:\/\/\S+)/.exec(serve.out())?.[1], `serve to listen (${serve.err()})`, 30_000);
      client = localClient(url);
      const started = await client.send(new InvokeCommand({ FunctionName: "flaky", InvocationType: "Event", Payload: JSON.stringify({ marker, mode }) }));
      const arn = started.DurableExecutionArn!;
      const ended = await waitFor(
        async () => {
          const execution = await client!.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
          return execution.Status === "RUNNING" ? undefined : execution;
        },
        `the execution to end (${serve.err()})`,
        40_000,
      );
      const history = await client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, MaxItems: 1000 }));
      const failures = (history.Events ?? []).flatMap((e) => (e.InvocationCompletedDetails?.Error ? [e.InvocationCompletedDetails.Error.Payload] : []));
      return { ended, failures, firstPid: readFileSync(marker, "utf8"), log: serve.err() };
    } finally {
      client?.destroy();
      serve.child.kill("SIGTERM");
      await serve.exited;
      await stopProcess(serve.child);
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("serve fails the invocation of a function process that exits as Runtime.ExitError at once, and the retry completes it", async () => {
    // The function timeout (900 s) is far away: only the exit can end the first invocation in time.
    const { ended, failures, firstPid, log } = await unreliableRun("exit", []);
    expect(ended.Status, log).toBe("SUCCEEDED");
    expect(JSON.parse(ended.Result!)).toMatch(/^stepped, then done in process \d+$/);
    expect(JSON.parse(ended.Result!)).not.toContain(`process ${firstPid}`);
    expect(failures).toEqual([
      { ErrorType: "Runtime.ExitError", ErrorMessage: expect.stringMatching(/^RequestId: \S+ Error: Runtime exited with error: exit status 3$/) },
    ]);
  }, 90_000);

  it("serve --function-timeout fails an invocation past it as Sandbox.Timedout and restarts the stuck process", async () => {
    const { ended, failures, log } = await unreliableRun("hang", ["--function-timeout", "2"]);
    expect(ended.Status, log).toBe("SUCCEEDED");
    expect(failures).toEqual([{ ErrorType: "Sandbox.Timedout", ErrorMessage: "Task timed out after 2.00 seconds" }]);
    expect(log).toContain("function flaky: an invocation timed out after 2 s; process restarted");
  }, 90_000);

  it("serve refuses a --function-timeout Lambda would refuse", async () => {
    const serve = durableTs(["serve", "--port", "0", "--function-timeout", "901"]);
    expect(await serve.exited).toBe(2);
    expect(serve.err()).toContain('--function-timeout expects an integer from 1 to 900, received "901"');
  });
});
