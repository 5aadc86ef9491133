// `npm run demo`: runs the order workflow end to end on the in-memory backend (virtual clock) and
// prints every operation the service recorded, the invocations, and the result.
import { LocalDurableTestRunner } from "@durable-ts/testing";
import { bodyRuns, handler } from "./order-workflow.js";

const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime: new Date("2026-01-01T00:00:00Z") });
const started = Date.now();
const result = await runner.run({
  payload: { orderId: "42", items: [{ sku: "tea", quantity: 3, price: 4.5 }, { sku: "cup", quantity: 2, price: 12 }] },
});
const wallMs = Date.now() - started;

console.log("\nOperations recorded by the in-memory durable execution service:");
console.table(
  result.getOperations().map((op) => {
    const data = op.getOperationData();
    return {
      name: data.Name ?? "",
      type: data.Type,
      subType: data.SubType,
      status: data.Status,
      attempts: data.StepDetails?.Attempt ?? "",
      parent: data.ParentId ? result.getOperations().find((p) => p.getId() === data.ParentId)?.getName() : "",
      id: data.Id,
    };
  }),
);
console.log("Invocations:");
console.table(result.getInvocations().map((inv) => ({ requestId: inv.requestId.slice(0, 8), status: inv.status, start: inv.startTimestamp.toISOString() })));
console.log("Step bodies actually run (replay skips completed ones):", bodyRuns);
console.log(`Virtual time elapsed: ${(runner.clock.nowMs() - Date.parse("2026-01-01T00:00:00Z")) / 1000} s; wall time: ${wallMs} ms`);
console.log(`Status: ${result.getStatus()}`);
console.log("Result:", result.getResult());
if (result.getStatus() !== "SUCCEEDED") process.exit(1);
