/**
 * Runs an example as a Lambda function would run: its own process on our runtime loop, polling
 * the local server's Runtime API; the test reaches it through the server (Invoke with the real
 * LambdaClient, or its Function URL with a plain HTTP client).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { startLocalServer, type LocalServer } from "@durable-ts/testing";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BOOTSTRAP = fileURLToPath(new URL("./bootstrap.ts", import.meta.url));

export interface RunningFunction {
  server: LocalServer;
  client: LambdaClient;
  /** The function's Function URL on the local server (ends with "/"). */
  url: string;
  /** What the process printed (metrics lines, errors). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the local server with `name` as a plain function, served by `file`'s `exportName` in a child process. */
export async function runFunctionProcess(file: string, exportName = "handler", name = "fn"): Promise<RunningFunction> {
  const server = await startLocalServer({ port: 0, functions: { [name]: { external: true, durable: false, timeoutMs: 20_000 } } });
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", BOOTSTRAP], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      AWS_LAMBDA_RUNTIME_API: server.runtimeApi(name),
      _HANDLER: `${file}.${exportName}`,
      LAMBDA_TASK_ROOT: REPO_ROOT,
      AWS_LAMBDA_FUNCTION_NAME: name,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const client = new LambdaClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts: 1 });
  return {
    server,
    client,
    url: server.functionUrl(name),
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        });
      }
      client.destroy();
      await server.close();
    },
  };
}
