/**
 * Figure 8 (one child per runtime client): the local server with one plain function, its process
 * (our runtime loop, or the official aws-lambda-ric) polling the server's Runtime API, and the real
 * LambdaClient invoking it over HTTP, `LogType: Tail` so the REPORT line gives the server-side
 * duration. Our loop's `invocation.metrics` lines (its stdout) give the per-phase averages.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { startLocalServer } from "@durable-ts/testing";
import { childArgs, reportAndExit } from "../lib/child-io.js";

export interface RuntimeE2eArgs {
  client: "ours" | "ric";
  /** The folder holding the function's index.mjs. */
  taskRoot: string;
  /** ours: the bundled bootstrap; ric: the aws-lambda-ric entry (index.mjs). */
  entry: string;
  workloads: { name: string; work: string; ms: number }[];
  invocations: number;
  warmups: number;
}

export interface WorkloadResult {
  name: string;
  /** REPORT Duration of each invocation (server side: Invoke queued → the function's answer received). */
  durationMs: number[];
  /** Client side: InvokeCommand sent → answer parsed. */
  roundTripMs: number[];
  /** Averages of the metrics lines' phases (ours only). */
  phases?: Record<string, number>;
}

export type RuntimeE2eResult = WorkloadResult[];

async function main(): Promise<void> {
  const args = childArgs<RuntimeE2eArgs>();
  const server = await startLocalServer({ port: 0, functions: { fn: { external: true, durable: false } } });
  const lines: Record<string, unknown>[] = [];
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [args.entry, ...(args.client === "ric" ? ["index.handler"] : [])], {
    cwd: args.taskRoot,
    env: {
      ...process.env,
      AWS_LAMBDA_RUNTIME_API: server.runtimeApi("fn"),
      _HANDLER: "index.handler",
      LAMBDA_TASK_ROOT: args.taskRoot,
      AWS_LAMBDA_FUNCTION_NAME: "fn",
      NODE_OPTIONS: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    const parts = output.split("\n");
    output = parts.pop()!;
    for (const part of parts) {
      if (!part.includes('"invocation.metrics"')) continue;
      try {
        lines.push(JSON.parse(part));
      } catch {
        // not a metrics line
      }
    }
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const client = new LambdaClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts: 1 });
  const invoke = async (payload: unknown) => {
    const started = performance.now();
    const out = await client.send(new InvokeCommand({ FunctionName: "fn", Payload: JSON.stringify(payload), LogType: "Tail" }));
    const roundTrip = performance.now() - started;
    if (out.FunctionError) throw new Error(`the function failed: ${Buffer.from(out.Payload ?? new Uint8Array()).toString()}\n${stderr.slice(-2000)}`);
    const report = /Duration: ([\d.]+) ms/.exec(Buffer.from(out.LogResult ?? "", "base64").toString("utf8"));
    if (!report) throw new Error("no REPORT line in the tail log");
    return { duration: Number(report[1]), roundTrip };
  };
  const results: RuntimeE2eResult = [];
  try {
    for (const workload of args.workloads) {
      const payload = { work: workload.work, ms: workload.ms };
      for (let i = 0; i < args.warmups; i++) await invoke(payload);
      const before = lines.length;
      const result: WorkloadResult = { name: workload.name, durationMs: [], roundTripMs: [] };
      for (let i = 0; i < args.invocations; i++) {
        const { duration, roundTrip } = await invoke(payload);
        result.durationMs.push(duration);
        result.roundTripMs.push(roundTrip);
      }
      // The last line is written after the answer is posted: give it a moment to arrive.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const mine = lines.slice(before, before + args.invocations);
      if (mine.length > 0) {
        const phases: Record<string, number> = {};
        for (const field of ["next_ms", "unmarshal_ms", "handler_ms", "marshal_ms", "post_ms", "total_ms"]) {
          phases[field] = mine.reduce((sum, line) => sum + Number(line[field] ?? 0), 0) / mine.length;
        }
        result.phases = phases;
      }
      results.push(result);
    }
  } finally {
    child.kill("SIGKILL");
    await server.close();
  }
  reportAndExit(results);
}

await main();
