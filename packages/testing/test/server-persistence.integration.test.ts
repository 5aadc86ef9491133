/** `startLocalServer({ dataFile })`: executions survive a restart of the server, and a killed writer leaves a readable file. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  InvokeCommand,
  SendDurableExecutionCallbackSuccessCommand,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InMemoryBackend } from "../src/backend/index.js";
import { openSqlitePersistence } from "../src/persistence/index.js";
import { startLocalServer, type LocalServer, type LocalServerOptions } from "../src/server/index.js";
import { REPO_ROOT, TSX, childEnv, localClient, quiet } from "./server-support.js";

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "durable-ts-data-"));
  file = join(dir, "local.db");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const approval = quiet(async (_event: unknown, ctx) => {
  const [result, callbackId] = await ctx.createCallback<string>("approval");
  await ctx.step("announce", async () => callbackId);
  return { approval: await result };
});

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function withServer<T>(functions: LocalServerOptions["functions"], body: (server: LocalServer, client: LambdaClient) => Promise<T>): Promise<T> {
  const server = await startLocalServer({ port: 0, dataFile: file, functions });
  const client = localClient(server.url);
  try {
    return await body(server, client);
  } finally {
    client.destroy();
    await server.close();
  }
}

/** Steps per checkpoint of persistence-fixtures/crash-writer.ts. */
const BATCH = 50;

const statusOf = async (client: LambdaClient, arn: string) => (await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }))).Status;

describe("a data file", () => {
  it("keeps an execution suspended on a callback across a restart; answering it after the restart ends it SUCCEEDED", async () => {
    const { arn, callbackId } = await withServer({ approvals: approval }, async (_server, client) => {
      const started = await client.send(new InvokeCommand({ FunctionName: "approvals", InvocationType: "Event", DurableExecutionName: "kept" }));
      const arn = started.DurableExecutionArn!;
      const callbackId = await until(async () => {
        const history = await client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, MaxItems: 1000 }));
        return history.Events?.find((e) => e.EventType === "StepSucceeded")?.StepSucceededDetails?.Result?.Payload;
      }, "the callback to be announced");
      return { arn, callbackId: JSON.parse(callbackId) as string };
    });

    await withServer({ approvals: approval }, async (server, client) => {
      expect(await statusOf(client, arn)).toBe("RUNNING");
      await client.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: callbackId, Result: Buffer.from('"yes"') }));
      await until(async () => ((await statusOf(client, arn)) === "RUNNING" ? undefined : true), "the execution to end");
      const ended = await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
      expect(ended.Status).toBe("SUCCEEDED");
      expect(JSON.parse(ended.Result!)).toEqual({ approval: '"yes"' });
      // One history across both servers: the events before the restart are kept, numbering goes on.
      const events = (await client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, MaxItems: 1000 }))).Events!;
      expect(events.map((e) => e.EventId)).toEqual(events.map((_e, i) => i + 1));
      expect(events[0]?.EventType).toBe("ExecutionStarted");
      expect(events.filter((e) => e.EventType === "CallbackStarted")).toHaveLength(1);
      expect(server.backend.getOperations(arn).find((op) => op.Type === "CALLBACK")?.StartTimestamp).toBeInstanceOf(Date);
    });

    // A third start sees the end too.
    await withServer({ approvals: approval }, async (_server, client) => {
      expect(await statusOf(client, arn)).toBe("SUCCEEDED");
    });
  }, 40_000);

  it("keeps a wait across a restart: the wait ends after it and the execution completes without re-running its step", async () => {
    let stepRuns = 0;
    const counted = quiet(async (_event: unknown, ctx) => {
      await ctx.step("before", async () => ++stepRuns);
      await ctx.wait({ seconds: 2 });
      return "woke up";
    });
    const arn = await withServer({ napper: counted }, async (server, client) => {
      const started = await client.send(new InvokeCommand({ FunctionName: "napper", InvocationType: "Event" }));
      const arn = started.DurableExecutionArn!;
      await until(
        async () =>
          server.backend.getOperations(arn).some((op) => op.Type === "WAIT" && op.Status === "STARTED") && !server.backend.needsInvocation(arn) ? true : undefined,
        "the wait to start",
      );
      return arn;
    });
    await withServer({ napper: counted }, async (_server, client) => {
      await until(async () => ((await statusOf(client, arn)) === "RUNNING" ? undefined : true), "the execution to end");
      const ended = await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
      expect(ended).toMatchObject({ Status: "SUCCEEDED", Result: '"woke up"' });
      expect(stepRuns).toBe(1);
    });
  }, 40_000);

  it("re-invokes an execution whose invocation was running when the server stopped", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let invocations = 0;
    const slow = quiet(async (_event: unknown, ctx) => {
      invocations += 1;
      await ctx.step("first", async () => "one");
      if (invocations === 1) await gate; // still running when the server stops
      return "done";
    });
    const arn = await withServer({ slow }, async (server, client) => {
      const started = await client.send(new InvokeCommand({ FunctionName: "slow", InvocationType: "Event" }));
      await until(
        async () => (server.backend.getOperations(started.DurableExecutionArn!).some((op) => op.Status === "SUCCEEDED" && op.Type === "STEP") ? true : undefined),
        "the first step",
      );
      return started.DurableExecutionArn!;
    });
    release();
    await withServer({ slow }, async (server, client) => {
      await until(async () => ((await statusOf(client, arn)) === "RUNNING" ? undefined : true), "the execution to end");
      expect(await statusOf(client, arn)).toBe("SUCCEEDED");
      const [interrupted] = server.backend.getInvocations(arn);
      expect(interrupted).toMatchObject({ status: "THROWN", error: { ErrorType: "Runtime.Shutdown" } });
    });
  }, 40_000);

  it("is refused to a second server while one holds it, with an error that says so", async () => {
    const first = await startLocalServer({ port: 0, dataFile: file });
    try {
      await expect(startLocalServer({ port: 0, dataFile: file })).rejects.toThrow(/the file is in use by another durable-ts server/);
    } finally {
      await first.close();
    }
  });

  it("refuses a file written in a newer data format", async () => {
    (await openSqlitePersistence(file)).close();
    const db = new Database(file);
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    await expect(openSqlitePersistence(file)).rejects.toThrow(/data format 99; this one reads up to 1/);
  });

  it("stays readable and holds only whole checkpoints after the writing process is killed mid-transaction", async () => {
    for (const killAfterMs of [150, 400, 900]) {
      const child = spawn(process.execPath, [...TSX, join(REPO_ROOT, "packages/testing/test/persistence-fixtures/crash-writer.ts"), file], {
        cwd: REPO_ROOT,
        env: childEnv({}),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let err = "";
      child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", () => resolve());
        child.once("exit", (code) => reject(new Error(`the writer exited (${code}) before writing: ${err}`)));
      });
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;

      const db = new Database(file, { readonly: false });
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      db.close();
      const persistence = await openSqlitePersistence(file);
      try {
        const backend = new InMemoryBackend({ persistence });
        const arns = backend.listExecutionArns();
        expect(arns.length).toBeGreaterThan(0);
        for (const arn of arns) {
          const steps = backend.getOperations(arn).filter((op) => op.Type === "STEP");
          // Every checkpoint saved whole: steps come in whole batches, each SUCCEEDED with its event.
          expect(steps.length % BATCH).toBe(0);
          expect(steps.every((op) => op.Status === "SUCCEEDED")).toBe(true);
          const events = [];
          for (let marker: string | undefined, first = true; first || marker; first = false) {
            const page = await backend.getDurableExecutionHistory({ DurableExecutionArn: arn, MaxItems: 1000, Marker: marker });
            events.push(...page.Events!);
            marker = page.NextMarker;
          }
          expect(events.filter((e) => e.EventType === "StepSucceeded")).toHaveLength(steps.length);
        }
      } finally {
        persistence.close();
      }
    }
  }, 90_000);
});
