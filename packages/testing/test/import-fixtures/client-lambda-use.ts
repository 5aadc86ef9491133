/**
 * Run in a fresh process by import-cost.test.ts: reports whether @aws-sdk/client-lambda is loaded
 * after importing the testing kit, after a successful local run, and after the backend's first
 * service error (and whether that error is the client's own class).
 */
import { createRequire } from "node:module";
import { withDurableExecution } from "@durable-ts/sdk";
import { InMemoryBackend, LocalDurableTestRunner } from "@durable-ts/testing";

const cache = createRequire(import.meta.url).cache;
const loaded = (): boolean => Object.keys(cache).some((path) => path.includes("client-lambda"));

const atImport = loaded();
const runner = new LocalDurableTestRunner({
  handlerFunction: withDurableExecution(async (_event: unknown, context) => {
    const doubled = await context.map("items", [1, 2, 3], (child, item) => child.step("double", async () => item * 2));
    await context.wait("pause", { seconds: 5 });
    return doubled.getResults().reduce((sum, value) => sum + value, 0);
  }),
});
const result = await runner.run();
const afterRun = loaded();

let errorName: string | undefined;
let isClientClass = false;
try {
  await new InMemoryBackend().getDurableExecution({ DurableExecutionArn: "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/x/y" });
} catch (error) {
  errorName = (error as Error).name;
  const { ResourceNotFoundException } = await import("@aws-sdk/client-lambda");
  isClientClass = error instanceof ResourceNotFoundException;
}
process.stdout.write(JSON.stringify({ atImport, afterRun, result: result.getResult(), afterError: loaded(), errorName, isClientClass }));
