/**
 * Writes to a data file until killed: executions whose every checkpoint STARTs and SUCCEEDs
 * `BATCH` steps at once. Prints "writing" once the first batch is saved. Run by the persistence test.
 */
import { InMemoryBackend } from "../../src/backend/index.js";
import { openSqlitePersistence } from "../../src/persistence/index.js";

const BATCH = 50; // the test checks whole batches of this size

const file = process.argv[2];
if (!file) throw new Error("usage: crash-writer.ts <data file>");
const persistence = await openSqlitePersistence(file);
const backend = new InMemoryBackend({ persistence });
let announced = false;
for (let e = 0; ; e++) {
  const { executionArn } = backend.startExecution({ functionName: "writer", executionName: `e${process.pid}-${e}`, input: "{}" });
  const { event } = backend.beginInvocation(executionArn);
  let token = event.CheckpointToken;
  for (let b = 0; b < 20; b++) {
    const updates = [];
    for (let i = 0; i < BATCH; i++) {
      const id = `s${b}x${i}`;
      updates.push(
        { Id: id, Type: "STEP" as const, Action: "START" as const, Name: id },
        { Id: id, Type: "STEP" as const, Action: "SUCCEED" as const, Payload: JSON.stringify("v".repeat(200)) },
      );
    }
    const response = await backend.checkpointDurableExecution({ DurableExecutionArn: executionArn, CheckpointToken: token, Updates: updates });
    token = response.CheckpointToken!;
    if (!announced) {
      announced = true;
      process.stdout.write("writing\n");
    }
  }
}
