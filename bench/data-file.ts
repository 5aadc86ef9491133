/**
 * Data file figures (issue 13, item 10): time to save N executions suspended on a callback, each
 * with `steps` completed steps, then time to restore them all in a new backend.
 *   node --import tsx bench/data-file.ts [executions=1000] [steps=10]
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InMemoryBackend } from "@durable-ts/testing";
// The data file layer is not public API (users reach it through `startLocalServer({ dataFile })`); this
// benchmark times that layer alone, so it opens it from the sources.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { openSqlitePersistence } from "../packages/testing/src/persistence/index.js";

const executions = Number(process.argv[2] ?? 1000);
const steps = Number(process.argv[3] ?? 10);
const dir = mkdtempSync(join(tmpdir(), "durable-ts-bench-"));
const file = join(dir, "bench.db");
try {
  let persistence = await openSqlitePersistence(file);
  let backend = new InMemoryBackend({ persistence });
  let checkpoints = 0;
  const writeStart = performance.now();
  for (let e = 0; e < executions; e++) {
    const { executionArn } = backend.startExecution({ functionName: "bench", executionName: `e${e}`, input: '{"n":1}' });
    const { requestId, event } = backend.beginInvocation(executionArn);
    let token = event.CheckpointToken;
    for (let s = 0; s < steps; s++) {
      const id = `step-${s}`;
      const r = await backend.checkpointDurableExecution({
        DurableExecutionArn: executionArn,
        CheckpointToken: token,
        Updates: [
          { Id: id, Type: "STEP", Action: "START", Name: id },
          { Id: id, Type: "STEP", Action: "SUCCEED", Payload: JSON.stringify({ s }) },
        ],
      });
      token = r.CheckpointToken!;
      checkpoints++;
    }
    await backend.checkpointDurableExecution({
      DurableExecutionArn: executionArn,
      CheckpointToken: token,
      Updates: [{ Id: "cb", Type: "CALLBACK", Action: "START", Name: "approval" }],
    });
    checkpoints++;
    backend.endInvocation(executionArn, requestId, { Status: "PENDING" });
  }
  const writeMs = performance.now() - writeStart;
  persistence.close();
  const size = statSync(file).size;

  const readStart = performance.now();
  persistence = await openSqlitePersistence(file);
  backend = new InMemoryBackend({ persistence });
  const readMs = performance.now() - readStart;
  const running = backend.listExecutionArns().filter((arn) => backend.isRunning(arn)).length;
  persistence.close();
  console.log(
    `${executions} executions x ${steps} steps + 1 callback: saved in ${writeMs.toFixed(0)} ms (${((writeMs / checkpoints) * 1000).toFixed(0)} µs per checkpoint), ` +
      `file ${(size / 1e6).toFixed(1)} MB, restored ${running} running executions in ${readMs.toFixed(0)} ms (${((readMs / executions) * 1000).toFixed(0)} µs each)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
