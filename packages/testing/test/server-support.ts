/** Helpers the server, cloud and CLI tests share: a real LambdaClient on the local server, silent handlers. */
import { LambdaClient } from "@aws-sdk/client-lambda";
import { durableExecution, type DurableExecutionHandler, type DurableLambdaHandler } from "@durable-ts/sdk";

const silentLogger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

/** A durable handler that logs nothing. */
export function quiet<E = any, R = any>(handler: DurableExecutionHandler<E, R>): DurableLambdaHandler {
  return durableExecution(handler, { logger: silentLogger as never, metrics: false } as never);
}

/** The real client, pointed at a local server, with dummy credentials and no retries (errors surface at once). */
export function localClient(url: string, maxAttempts = 1): LambdaClient {
  return new LambdaClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts });
}

/** Environment of a child process talking to the local server. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_REGION: "us-east-1",
    AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: "1",
    NODE_NO_WARNINGS: "1",
    ...extra,
  };
}

import { fileURLToPath, pathToFileURL } from "node:url";
import type { ChildProcess } from "node:child_process";
import { spawnFunctionProcess } from "../src/cli/index.js";

/** The repository root (tsx finds tsconfig.json there, so `@durable-ts/sdk` resolves to the sources). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The CLI entry, run from source through tsx. */
export const CLI_MAIN = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("./server-fixtures/", import.meta.url));
/** Until `@durable-ts/sdk/runtime` is built, function processes load the runtime loop from source. */
export const RUNTIME_MODULE = pathToFileURL(fileURLToPath(new URL("../../sdk/src/runtime/index.ts", import.meta.url))).href;

/** Node options of a child that runs TypeScript sources. */
export const TSX = ["--import", "tsx"];

/** Starts a function process for a fixture, serving `name` on the server; its output is collected. */
export function startFunctionProcess(o: { name: string; fixture: string; exportName?: string; runtimeApi: string; endpoint: string }): {
  child: ChildProcess;
  output: () => string;
} {
  let output = "";
  const child = spawnFunctionProcess({
    name: o.name,
    file: `${FIXTURES}${o.fixture}`,
    exportName: o.exportName,
    runtimeApi: o.runtimeApi,
    endpoint: o.endpoint,
    cliEntry: CLI_MAIN,
    execArgv: TSX,
    cwd: REPO_ROOT,
    env: childEnv({ DURABLE_TS_RUNTIME_MODULE: RUNTIME_MODULE }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Kills a child process and waits for it to exit. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Plays a function process against the server's Runtime API from inside the test. */
export class TestRuntimeClient {
  private readonly base: string;
  constructor(runtimeApi: string) {
    this.base = `http://${runtimeApi}/2018-06-01/runtime`;
  }
  async next(): Promise<{ requestId: string; headers: Headers; event: any; status: number }> {
    const res = await fetch(`${this.base}/invocation/next`);
    const text = await res.text();
    return { requestId: res.headers.get("lambda-runtime-aws-request-id") ?? "", headers: res.headers, event: text ? JSON.parse(text) : undefined, status: res.status };
  }
  async respond(requestId: string, answer: unknown): Promise<Response> {
    return fetch(`${this.base}/invocation/${requestId}/response`, { method: "POST", body: JSON.stringify(answer) });
  }
  async fail(requestId: string, error: { errorType: string; errorMessage: string }): Promise<Response> {
    return fetch(`${this.base}/invocation/${requestId}/error`, {
      method: "POST",
      headers: { "lambda-runtime-function-error-type": error.errorType },
      body: JSON.stringify(error),
    });
  }
  async initError(error: { errorType: string; errorMessage: string }): Promise<Response> {
    return fetch(`${this.base}/init/error`, { method: "POST", body: JSON.stringify(error) });
  }
}

/** Replaces the serialized request body after signing, to send what the client never would. */
export function withRawBody<C extends { middlewareStack: { add: (...args: any[]) => void } }>(client: C, body: string): C {
  client.middlewareStack.add(
    (next: (args: any) => Promise<unknown>) => async (args: any) => {
      args.request.body = body;
      args.request.headers["content-length"] = String(Buffer.byteLength(body));
      return next(args);
    },
    { step: "finalizeRequest", priority: "low", name: "rawBodyForTest" },
  );
  return client;
}
