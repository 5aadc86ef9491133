// `npm run demo`: runs the order workflow end to end on the in-memory backend (virtual clock) and
// prints every operation the service recorded, the invocations and why each ended, and the result.
import { invocationEndings, LocalDurableTestRunner } from "@durable-ts/testing";
import { bodyRuns, handler } from "./order-workflow.js";

const runner = new LocalDurableTestRunner({ handlerFunction: handler, startTime: new Date("2026-01-01T00:00:00Z") });
const started = Date.now();
const result = await runner.run({
  payload: {
    orderId: "42",
    items: [
      { sku: "tea", quantity: 3, price: 4.5 },
      { sku: "cup", quantity: 2, price: 12 },
    ],
  },
});
const wallMs = Date.now() - started;

console.log("\nOperations recorded by the in-memory durable execution service:\n");
result.print();
console.log("\nInvocations, and why each one ended:");
for (const [i, ending] of invocationEndings(result.getHistoryEvents()).entries()) {
  const at = ending.startMs === undefined ? "?" : new Date(ending.startMs).toISOString();
  console.log(`  ${i + 1}. ${ending.requestId.slice(0, 8)} at ${at}: ${ending.reason}`);
}
console.log("\nStep bodies actually run (replay skips completed ones):", bodyRuns);
console.log(`Virtual time elapsed: ${(runner.clock.nowMs() - Date.parse("2026-01-01T00:00:00Z")) / 1000} s; wall time: ${wallMs} ms`);
if (result.getStatus() !== "SUCCEEDED") process.exit(1);
